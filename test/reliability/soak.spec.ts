import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allAccepted } from '../../src/cli/simulate/send-deliveries.js';
import { Position } from '../../src/eventstore/position.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { webhookBody } from '../../src/simulation/webhook-bodies.js';
import { eventually } from '../support/eventually.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { getJson, TEST_TOKEN } from '../support/service.js';
import { growingFigures } from './support/growth.js';
import { SAMPLED_SERVER_ENV, startSampling } from './support/process-samples.js';
import { bodyKey, count, sendSimulatedTraffic, startQueryTraffic } from './support/soak-traffic.js';

/*
 * One server process with every role, on a fresh SQLite store, takes the webhooks of generated
 * Qualified histories (what `ledger simulate` sends) at 100 a second while a reader goes
 * through the query API. Its RSS, V8 heap and open handles are sampled from /metrics every
 * second, each time right after a full garbage collection, and must not trend upwards (see
 * growth.ts and the limits in process-samples.ts). At the end every delivery was answered
 * 202, the projections reach the head of the log, and the log holds exactly what was sent.
 */

/**
 * How long the load lasts: about a minute by default, for CI; `npm run test:soak` runs it
 * for an hour, or as long as SOAK_SECONDS says.
 */
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
/**
 * Not measured: the first third, at most five minutes. The JIT settles, and SQLite's page
 * caches (up to 16 MB a connection) fill as the files grow, which takes a few minutes.
 */
const WARM_UP_SECONDS = Math.min(SECONDS / 3, 300);
const SAMPLE_EVERY_MS = 1000;
/** The load, then catching up and reading the whole log back. */
const TIMEOUT_MS = (SECONDS * 1.5 + 120) * 1000;

describe('a soak: sustained webhooks and queries (SQLite store, all roles in one process)', () => {
  let dir: string;
  let server: ServerProcess | undefined;

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-soak-'))));
  afterEach(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    `for ${SECONDS} s: memory and handles do not grow, every 202 is stored once and projected`,
    async () => {
      server = await startServerProcess({
        DATA_DIR: dir,
        WEBHOOK_TOKENS: `test:${TEST_TOKEN}`,
        ...SAMPLED_SERVER_ENV,
      });
      const { ingestUrl, queryUrl } = server as Required<ServerProcess>;
      await eventually(async () =>
        expect((await getJson(`${queryUrl}/candidates`)).status).toBe(200),
      );

      const sampler = startSampling(server, SAMPLE_EVERY_MS);
      const reader = startQueryTraffic(queryUrl);
      const webhookUrl = `${ingestUrl}/webhooks/qualified/${TEST_TOKEN}`;
      const traffic = await sendSimulatedTraffic(webhookUrl, SECONDS);
      const failedReads = await reader.stop();
      const samples = await sampler.stop();

      expect(traffic.summaries.filter((summary) => !allAccepted(summary))).toEqual([]);
      expect(failedReads).toEqual([]);
      expect(growingFigures(samples, WARM_UP_SECONDS)).toEqual([]);
      await eventually(async () => expect(await projectionsBehind(queryUrl)).toEqual([]), 120_000);

      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      const stored = await storedBodies(join(dir, 'events.sqlite'));
      expect(differences(traffic.sent, stored)).toEqual([]);
    },
    TIMEOUT_MS,
  );
});

/** Projections not live at the log's head, or with parked events. */
async function projectionsBehind(queryUrl: string): Promise<unknown[]> {
  const { body } = await getJson(`${queryUrl}/projections`);
  return body.items.filter(
    (projection: { state: string; checkpoint: string; head: string; parked: number }) =>
      projection.state !== 'live' ||
      projection.checkpoint !== projection.head ||
      projection.parked !== 0,
  );
}

const PAGE = 5000;

/** How often each body is in the log, by bodyKey; read in pages, as hours of it may be. */
async function storedBodies(file: string): Promise<Map<string, number>> {
  const store = new SqliteEventStore({ file });
  const stored = new Map<string, number>();
  try {
    for (let from = new Position(0n); ;) {
      const page = await store.readAll({ from, limit: PAGE });
      for (const event of page) count(stored, bodyKey(webhookBody(event)));
      if (page.length < PAGE) return stored;
      from = new Position(page.at(-1)!.position.commit + 1n);
    }
  } finally {
    await store.close();
  }
}

function differences(sent: Map<string, number>, stored: Map<string, number>): string[] {
  const keys = new Set([...sent.keys(), ...stored.keys()]);
  return [...keys].flatMap((key) =>
    sent.get(key) === stored.get(key)
      ? []
      : [`${key}: sent ${sent.get(key) ?? 0}, stored ${stored.get(key) ?? 0}`],
  );
}
