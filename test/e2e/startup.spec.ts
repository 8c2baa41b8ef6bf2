import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';

/** `ledger serve` on loopback ports with its data in `dataDir`. */
function serve(dataDir: string, env: NodeJS.ProcessEnv = {}) {
  return runCli(['serve'], {
    HOST: '127.0.0.1',
    INGEST_PORT: '0',
    QUERY_PORT: '0',
    LOG_FORMAT: 'json',
    DATA_DIR: dataDir,
    ...env,
  });
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('starting the service', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-startup-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops with one line and exit 1 when EventStoreDB does not answer within the bound', async () => {
    const port = await closedPort();
    const run = await serve(dir, {
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: `esdb://127.0.0.1:${port}?tls=false`,
      EVENTSTORE_CONNECT_TIMEOUT_MS: '500',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^Cannot start: EventStoreDB at esdb://127\\.0\\.0\\.1:${port}\\?tls=false did not answer within 500 ms \\(EVENTSTORE_CONNECT_TIMEOUT_MS\\): .*ECONNREFUSED`,
      ),
    );
  });

  it('stops with one line and exit 1 when the data directory cannot be written', async () => {
    // Under a regular file: unwritable even for root, unlike a directory without permissions.
    writeFileSync(join(dir, 'a-file'), '');
    const dataDir = join(dir, 'a-file', 'data');
    const run = await serve(dataDir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe(
      `Cannot start: DATA_DIR ${dataDir} cannot be written: ENOTDIR: not a directory, mkdir '${dataDir}'`,
    );
  });

  it('stops with one line and exit 1 on an empty webhook token file', async () => {
    writeFileSync(join(dir, 'webhook-token'), '');
    const run = await serve(dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe(
      `Cannot start: The webhook token in ${join(dir, 'webhook-token')} has 0 characters; it needs at least 16. Delete the file to have a new token made (and update the URL in Qualified), or set WEBHOOK_TOKENS`,
    );
  });
});
