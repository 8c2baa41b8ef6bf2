import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeliverySpool, spoolFile } from '../../src/ingest/spool/delivery-spool.js';
import { READ_MODEL_PROJECTIONS } from '../../src/projections/read-models.js';
import { SqliteReadStore } from '../../src/readstore/sqlite-read-store.js';
import type { StatusReport } from '../../src/cli/status/read-status.js';
import { loadFixture } from '../fixtures/webhooks/index.js';
import { runCli } from '../support/cli.js';
import { EventStoreDBTestServer } from '../support/eventstoredb-test-server.js';
import { eventually } from '../support/eventually.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { post, TEST_TOKEN } from '../support/service.js';

const NAMES = READ_MODEL_PROJECTIONS.map((projection) => projection.name);

/** Each command line run compiles the sources first: seconds each. */
const SLOW_MS = 60_000;

describe('ledger status', () => {
  let dir: string;
  let server: ServerProcess | undefined;

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-status-'))));
  afterEach(async () => {
    server?.child.kill('SIGKILL');
    await server?.exited;
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const status = (...args: string[]) => runCli(['status', ...args], { DATA_DIR: dir });

  it(
    'on a fresh data directory: an empty log, no projector, every projection stopped',
    async () => {
      const [text, json] = await Promise.all([status(), status('--json')]);
      expect([text.code, json.code]).toEqual([0, 0]);
      expect(text.stdout).toMatch(/^Event store +sqlite, head at - \(empty log\)$/m);
      expect(text.stdout).toMatch(/^Projector +none running/m);
      for (const { name, version } of READ_MODEL_PROJECTIONS) {
        expect(text.stdout).toMatch(new RegExp(`^${name} +${version} +stopped +- +0 `, 'm'));
      }
      const report = JSON.parse(json.stdout) as StatusReport;
      expect(report).toMatchObject({
        eventStore: 'sqlite',
        head: null,
        projector: null,
        parked: 0,
        spoolDepth: null,
      });
      expect(
        report.projections.map(({ name, state, checkpoint }) => ({ name, state, checkpoint })),
      ).toEqual(NAMES.map((name) => ({ name, state: 'stopped', checkpoint: null })));
    },
    SLOW_MS,
  );

  it(
    'after events, with a server projecting: its lease, positions, no lag, live projections',
    async () => {
      server = await startServerProcess({ DATA_DIR: dir, WEBHOOK_TOKENS: `test:${TEST_TOKEN}` });
      const url = `${server.ingestUrl}/webhooks/qualified/${TEST_TOKEN}`;
      for (const type of [
        'challenge_created',
        'assessment_created',
        'team_candidate_state_changed',
      ]) {
        expect((await post(url, loadFixture(type as 'challenge_created'))).status).toBe(202);
      }
      await caughtUp(dir, '3');

      const [text, json] = await Promise.all([status(), status('--json')]);
      expect([text.code, json.code]).toEqual([0, 0]);
      const holder = new RegExp(`^${hostname()}:${server.child.pid}:[0-9a-f]{6}$`);
      const report = JSON.parse(json.stdout) as StatusReport;
      expect(report).toMatchObject({
        head: '3',
        projector: { holder: expect.stringMatching(holder) },
      });
      expect(
        report.projections.map(({ state, checkpoint, lag }) => ({ state, checkpoint, lag })),
      ).toEqual(
        NAMES.map(() => ({ state: 'live', checkpoint: '3', lag: { events: 0, seconds: 0 } })),
      );
      expect(text.stdout).toMatch(/^Event store +sqlite, head at 3$/m);
      expect(text.stdout).toContain(`running: ${report.projector!.holder}`);
      const { version } = READ_MODEL_PROJECTIONS[0];
      expect(text.stdout).toMatch(
        new RegExp(`^team-candidates +${version} +live +3 +0 +0\\.0 +0 +-$`, 'm'),
      );
    },
    SLOW_MS,
  );

  it(
    'with EventStoreDB: the depth of the spool, read without forwarding it',
    async () => {
      const esdb = await EventStoreDBTestServer.start();
      const spool = new DeliverySpool(spoolFile(dir));
      for (const id of ['5f0000000000000000000001', '5f0000000000000000000002']) {
        const event = {
          id: randomUUID(),
          type: 'challenge_created',
          data: { id },
          metadata: {},
        };
        spool.add({ stream: `challenge-${id}`, event }, false);
      }
      try {
        const run = await runCli(['status', '--json'], {
          DATA_DIR: dir,
          EVENT_STORE: 'eventstoredb',
          EVENTSTORE_CONNECTION_STRING: esdb.connectionString,
        });
        expect(run.code).toBe(0);
        expect(JSON.parse(run.stdout)).toMatchObject({ eventStore: 'eventstoredb', spoolDepth: 2 });
        expect(spool.depth()).toBe(2);
      } finally {
        spool.close();
        await esdb.stop();
      }
    },
    SLOW_MS,
  );

  it(
    'exits 1 when the stores cannot be opened',
    async () => {
      const file = join(dir, 'not-a-directory');
      writeFileSync(file, '');
      const run = await runCli(['status'], { DATA_DIR: file });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^Cannot read the status: /m);
    },
    SLOW_MS,
  );
});

/** Waits until every projection's checkpoint is at `position`, read from the read store. */
async function caughtUp(dir: string, position: string): Promise<void> {
  const readStore = new SqliteReadStore(join(dir, 'read-models.sqlite'));
  try {
    await eventually(async () => {
      const rows = await readStore.query<{ at: number }>(
        'SELECT COUNT(*) AS at FROM projection_checkpoints WHERE log_position = ?',
        [position],
      );
      expect(rows[0].at).toBe(NAMES.length);
    }, 20_000);
  } finally {
    await readStore.close();
  }
}
