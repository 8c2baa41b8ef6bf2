import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { simulatedTraffic, webhookBody } from '../../src/simulation/webhook-bodies.js';
import { runCli } from '../support/cli.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { TEST_TOKEN } from '../support/service.js';

/** Each command line run compiles the sources first: seconds each. */
const SLOW_MS = 90_000;
const SEED = 11;
const CANDIDATES = 2;

/** Bodies as comparable text, in a canonical order: requests in flight may arrive in any order. */
const asSet = (bodies: unknown[]) => bodies.map((body) => JSON.stringify(body)).sort();

describe('ledger simulate', () => {
  const traffic = simulatedTraffic({ seed: SEED, candidates: CANDIDATES });
  const simulate = (url: string, ...args: string[]) =>
    runCli([
      'simulate',
      '--url',
      url,
      '--candidates',
      `${CANDIDATES}`,
      '--seed',
      `${SEED}`,
      ...args,
    ]);

  it(
    'posts the seeded history to a running server: every answer 202, every delivery stored',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ledger-simulate-'));
      let server: ServerProcess | undefined;
      try {
        server = await startServerProcess({ DATA_DIR: dir, WEBHOOK_TOKENS: `test:${TEST_TOKEN}` });
        const run = await simulate(
          `${server.ingestUrl}/webhooks/qualified/${TEST_TOKEN}`,
          '--rate',
          '200',
        );
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(
          new RegExp(
            `^Sent ${traffic.length} deliveries to http://127\\.0\\.0\\.1:\\d+/webhooks/qualified/\\[token\\] in [\\d.]+ s: 202 × ${traffic.length}; errors: none$`,
            'm',
          ),
        );
        const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
        const stored = await store.readAll();
        await store.close();
        expect(stored).toHaveLength(traffic.length);
        expect(asSet(stored.map(webhookBody))).toEqual(asSet(traffic));
      } finally {
        server?.child.kill('SIGKILL');
        await server?.exited;
        rmSync(dir, { recursive: true, force: true });
      }
    },
    SLOW_MS,
  );

  it(
    'sends the same bodies for the same seed, stops after --duration, and exits 1 unless all are 2xx',
    async () => {
      const receiver = await captureServer();
      try {
        const full = await simulate(receiver.url, '--rate', '500');
        expect(full.code).toBe(0);
        expect(asSet(receiver.take())).toEqual(asSet(traffic));

        // At 200 a second, requests are due every 5 ms: 10 of them in the first 50 ms.
        receiver.answerWith(503, 4);
        const cut = await simulate(receiver.url, '--rate', '200', '--duration', '0.05');
        expect(cut.code).toBe(1);
        expect(cut.stdout).toMatch(/^Sent 10 deliveries to .*: 202 × 9, 503 × 1; errors: none$/m);
        expect(asSet(receiver.take())).toEqual(asSet(traffic.slice(0, 10)));
      } finally {
        await receiver.close();
      }
    },
    SLOW_MS,
  );
});

/** A webhook receiver that keeps the bodies it gets and answers 202, or another status once. */
async function captureServer() {
  let bodies: unknown[] = [];
  let special: { status: number; at: number } | undefined;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response.statusCode = special?.at === bodies.length ? special.status : 202;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/qualified/${TEST_TOKEN}`,
    /** The bodies received since the last call. */
    take() {
      const taken = bodies;
      bodies = [];
      return taken;
    },
    /** Answers the `at`-th request from now with `status`. */
    answerWith(status: number, at: number) {
      special = { status, at };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
