import { Logger } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../../src/config/settings.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { liveTables } from '../../src/projections/projection.js';
import { READ_MODEL_PROJECTIONS } from '../../src/projections/read-models.js';
import { ProjectionRunner } from '../../src/projections/runner/projection-runner.js';
import { ProjectionStatusService } from '../../src/projections/runner/projection-status.service.js';
import { readLeaseHolder } from '../../src/projections/runner/projector-lease.js';
import { runnerOptions } from '../../src/projections/runner/runner-options.js';
import { SqliteReadStore } from '../../src/readstore/sqlite-read-store.js';
import { generateHistory } from '../../src/simulation/history-generator.js';
import { runCli } from '../support/cli.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { dumpTables } from '../support/table-dump.js';

const NAMES = READ_MODEL_PROJECTIONS.map((projection) => projection.name);
/** Each command line run compiles the sources first: seconds each. */
const SLOW_MS = 90_000;

describe('ledger rebuild', () => {
  let dir: string;
  let server: ServerProcess | undefined;

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-rebuild-'))));
  afterEach(async () => {
    server?.child.kill('SIGKILL');
    await server?.exited;
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const readModels = () => withReadStore(dir, dumpReadModels);
  /** Tables with indexes of their own, and those whose indexes carry a rebuild's suffix. */
  const indexedTables = (swapped: boolean) =>
    withReadStore(dir, async (readStore) => {
      const indexes = await readStore.query<{ name: string; tbl_name: string }>(
        "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
      );
      const tables = indexes
        .filter((index) => !swapped || /__r[0-9a-f]{8}_/.test(index.name))
        .map((index) => index.tbl_name);
      return [...new Set(tables)].sort();
    });
  const tablesOf = async (names: string[]) => {
    const own = READ_MODEL_PROJECTIONS.filter((p) => names.includes(p.name)).flatMap(
      (p) => p.tables,
    );
    return (await indexedTables(false)).filter((table) => own.includes(table));
  };

  it(
    'without a server: runs a projector itself and ends with the tables of a clean build',
    async () => {
      await projectHistory(dir);
      const clean = await readModels();
      const indexed = await tablesOf(NAMES);
      expect(indexed.length).toBeGreaterThan(5);
      expect(await indexedTables(true)).toEqual([]);

      const run = await runCli(['rebuild', '--all'], { DATA_DIR: dir });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('no projector is running, so this process does it');
      expect(run.stdout).toMatch(/^Rebuilding: \d+\/\d+ events \(\d+%\), .* swapped in$/m);
      expect(run.stdout).toMatch(
        new RegExp(
          `^Rebuilt ${NAMES.join(', ')} in [\\d.]+ s: \\d+ events, \\d+ events/s, by this process$`,
          'm',
        ),
      );
      expect(await indexedTables(true)).toEqual(indexed);
      expect(await readModels()).toEqual(clean);
      expect(await withReadStore(dir, (readStore) => readLeaseHolder(readStore))).toBeUndefined();
    },
    SLOW_MS,
  );

  it(
    "with a server on the same data: watches while the server's projector does the work",
    async () => {
      await projectHistory(dir);
      const clean = await readModels();
      const rebuilt = await tablesOf(['team-candidates', 'funnel']);
      server = await startServerProcess({ DATA_DIR: dir });
      const holder = `${hostname()}:${server.child.pid}:`;

      const run = await runCli(['rebuild', 'team-candidates', 'funnel'], { DATA_DIR: dir });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`the running projector ${holder}`);
      expect(run.stdout).toMatch(
        new RegExp(`^Rebuilt team-candidates, funnel in .* by ${holder}[0-9a-f]{6}$`, 'm'),
      );
      expect(rebuilt.length).toBeGreaterThan(1);
      expect(await indexedTables(true)).toEqual(rebuilt);
      expect(await readModels()).toEqual(clean);
      const lease = await withReadStore(dir, (readStore) => readLeaseHolder(readStore));
      expect(lease?.holder).toMatch(new RegExp(`^${holder}`));
    },
    SLOW_MS,
  );

  it(
    'exits 2 on an unknown projection, naming the known ones',
    async () => {
      const run = await runCli(['rebuild', 'funnel', 'candidates'], { DATA_DIR: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `no projection is named "candidates"; the projections are: ${NAMES.join(', ')}`,
      );
    },
    SLOW_MS,
  );
});

async function withReadStore<T>(dir: string, work: (readStore: SqliteReadStore) => Promise<T>) {
  const readStore = new SqliteReadStore(join(dir, 'read-models.sqlite'));
  try {
    return await work(readStore);
  } finally {
    await readStore.close();
  }
}

async function dumpReadModels(readStore: SqliteReadStore) {
  const dumps = await Promise.all(
    READ_MODEL_PROJECTIONS.map((p) => dumpTables(readStore, liveTables(p))),
  );
  return Object.assign({}, ...dumps) as Record<string, string[]>;
}

/** Stores a generated history in the data directory and builds the read models from it. */
async function projectHistory(dir: string): Promise<void> {
  const store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
  for (const { stream, id, type, data, metadata } of generateHistory({
    seed: 9,
    candidates: 40,
    events: 1500,
  }).events) {
    await store.append(stream, [{ id, type, data, metadata }]);
  }
  const readStore = new SqliteReadStore(join(dir, 'read-models.sqlite'));
  const options = runnerOptions(loadSettings({}));
  const runner = new ProjectionRunner(store, readStore, READ_MODEL_PROJECTIONS, options);
  const status = new ProjectionStatusService(store, readStore, READ_MODEL_PROJECTIONS, options);
  await runner.start();
  const { reached } = await status.waitForPosition((await store.headPosition())!, {
    timeoutMs: 30_000,
  });
  await runner.stop();
  await readStore.close();
  await store.close();
  expect(reached).toBe(true);
}
