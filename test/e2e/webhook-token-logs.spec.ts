import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFixture } from '../fixtures/webhooks/index.js';
import { eventually } from '../support/eventually.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { TEST_TOKEN } from '../support/service.js';

/** Everything the process printed, and the same with every ASCII escape decoded. */
function printed(server: ServerProcess): string[] {
  const output = server.logs.join('\n');
  const decoded = output.replace(/%([0-7][\da-f])/gi, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
  return [output, decoded];
}

async function stop(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

describe('the webhook token and the logs', () => {
  let dir: string;
  let server: ServerProcess | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-token-logs-'));
  });

  afterEach(async () => {
    if (server) await stop(server);
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the URL with a new token once, on stderr, and later only its name and fingerprint', async () => {
    server = await startServerProcess({ DATA_DIR: dir });
    const token = readFileSync(join(dir, 'webhook-token'), 'utf8').trim();
    const fingerprint = createHash('sha256').update(token).digest('hex').slice(0, 8);
    expect(server.stderr).toMatch(/^Webhook URL to paste into Qualified/);
    expect(server.stderr.split(`/webhooks/qualified/${token}\n`)).toHaveLength(2);
    expect(printed(server)[0].split(token)).toHaveLength(2);
    expect(printed(server)[0]).toContain(`accepting default (sha256:${fingerprint}), made on`);

    await stop(server);
    server = await startServerProcess({ DATA_DIR: dir });
    expect(server.stderr).toBe('');
    expect(printed(server)[0]).not.toContain(token);
    expect(printed(server)[0]).toContain(`accepting default (sha256:${fingerprint}), kept in`);
  }, 120_000);

  it('keeps the token out of the request log, however the URL spells it', async () => {
    server = await startServerProcess({ DATA_DIR: dir, WEBHOOK_TOKENS: `test:${TEST_TOKEN}` });
    const { ingestUrl, queryUrl } = server;
    const requests = [
      `${ingestUrl}/webhooks/qualified/${TEST_TOKEN}`,
      `${ingestUrl}/webhooks/%71ualified/${TEST_TOKEN}`,
      `${ingestUrl}/webhooks/qualified/%74${TEST_TOKEN.slice(1)}`,
      `${ingestUrl}/webhooks/qualified?%74oken=${TEST_TOKEN}`,
      `${ingestUrl}/webhooks/qualified?token=x&token=${TEST_TOKEN}`,
      `${ingestUrl}//webhooks/qualified/${TEST_TOKEN}`,
      `${ingestUrl}/Webhooks/qualified/${TEST_TOKEN}`,
      `${queryUrl}/webhooks/qualified/${TEST_TOKEN}?token=${TEST_TOKEN}`,
    ];
    for (const [i, url] of requests.entries()) {
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': `spelling-${i}` },
        body: JSON.stringify(loadFixture('challenge_created')),
      });
    }
    await eventually(() => {
      for (const i of requests.keys()) {
        expect(server!.logs.some((line) => line.includes(`"id":"spelling-${i}"`))).toBe(true);
      }
    });
    for (const output of printed(server)) expect(output).not.toContain(TEST_TOKEN);
  });
});
