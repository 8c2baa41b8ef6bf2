import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateHistory } from '../simulation/history-generator.js';
import { applyEvents, createTables, LogSequence } from '../../test/support/projection-harness.js';
import type { StoredEvent } from '../simulation/stored-events.js';
import { dumpTables } from '../../test/support/table-dump.js';
import { SqliteReadStore } from '../readstore/sqlite-read-store.js';
import { liveTables, type TableNames } from './projection.js';
import { READ_MODEL_PROJECTIONS } from './read-models.js';
import { LOG_DELIVERIES_TABLE } from './runner/first-deliveries.js';

const history = generateHistory({ seed: 42, candidates: 80, events: 3000 });

describe('the read models together', () => {
  let dir: string;
  const stores: SqliteReadStore[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-read-models-'));
  });

  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every read model built from the events, in batches of `batch` events per transaction. */
  async function project(events: readonly StoredEvent[], batch = 250): Promise<SqliteReadStore> {
    const store = new SqliteReadStore(join(dir, `read-${stores.length}.sqlite`));
    stores.push(store);
    for (const projection of READ_MODEL_PROJECTIONS) {
      await createTables(store, projection, liveTables(projection));
    }
    const recorded = new LogSequence().record(events);
    for (let i = 0; i < recorded.length; i += batch) {
      await store.transaction(async (tx) => {
        for (const projection of READ_MODEL_PROJECTIONS) {
          await applyEvents(projection, tx, liveTables(projection), recorded.slice(i, i + batch));
        }
      });
    }
    return store;
  }

  async function dumpAll(store: SqliteReadStore) {
    const dumps = READ_MODEL_PROJECTIONS.map((p) => dumpTables(store, liveTables(p)));
    return Object.assign({}, ...(await Promise.all(dumps))) as Record<string, string[]>;
  }

  it('have stable names and tables of their own', () => {
    const names = READ_MODEL_PROJECTIONS.map((projection) => projection.name);
    const tables = READ_MODEL_PROJECTIONS.flatMap((projection) => projection.tables);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(tables).size).toBe(tables.length);
  });

  it('create every table and index under the physical names they are given', async () => {
    const store = new SqliteReadStore(join(dir, 'shadow.sqlite'));
    stores.push(store);
    // The harness also creates the log's table of first deliveries, which every projection shares.
    const shadows: string[] = [LOG_DELIVERIES_TABLE];
    for (const projection of READ_MODEL_PROJECTIONS) {
      const tables = Object.fromEntries(
        projection.tables.map((table) => [table, `rebuild_${table}`]),
      ) as TableNames;
      shadows.push(...Object.values(tables));
      await createTables(store, projection, tables);
      await createTables(store, projection, tables);
    }
    const objects = await store.query<{ name: string; tbl_name: string }>(
      "SELECT name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
    );
    expect(objects.map((o) => o.tbl_name).filter((table) => !shadows.includes(table))).toEqual([]);
    expect(objects.filter((o) => !o.name.startsWith(o.tbl_name))).toEqual([]);
  });

  it('are the same with or without repeated deliveries', async () => {
    const seen = new Set<string>();
    const firstDeliveries = history.events.filter((event) => {
      const key = `${event.stream} ${String(event.metadata.contentHash)}`;
      return !seen.has(key) && Boolean(seen.add(key));
    });
    expect(firstDeliveries.length).toBeLessThan(history.events.length - 50);

    const withRepeats = await dumpAll(await project(history.events));
    const withoutRepeats = await dumpAll(await project(firstDeliveries, 97));
    expect(withRepeats).toEqual(withoutRepeats);
    expect(withRepeats.candidate_timeline.length).toBeGreaterThan(1000);
  });

  it('agree on every candidate state', async () => {
    const store = await project(history.events);
    const states = (sql: string) =>
      store
        .query<{ id: string; state: string | null }>(sql)
        .then((rows) => Object.fromEntries(rows.map((row) => [row.id, row.state])));
    const candidates = await states(
      'SELECT id, state FROM team_candidates WHERE state IS NOT NULL',
    );
    const funnel = await states('SELECT candidate_id AS id, state FROM funnel_candidate_states');
    const timeline = await states(
      `SELECT candidate_id AS id, to_state AS state FROM candidate_timeline t
       WHERE kind = 'transition' AND seq = (SELECT MAX(seq) FROM candidate_timeline
         WHERE candidate_id = t.candidate_id AND kind = 'transition')`,
    );
    expect(Object.keys(candidates).length).toBeGreaterThan(70);
    expect(funnel).toEqual(candidates);
    expect(timeline).toEqual(candidates);
  });
});
