import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteReadStore } from '../../readstore/sqlite-read-store.js';
import { defineTable } from '../../readstore/table.js';
import { BatchRows } from './batch-rows.js';

const TABLES = {
  people: defineTable({
    columns: {
      id: { type: 'text' },
      name: { type: 'text' },
      score: { type: 'real', nullable: true },
    },
    key: ['id'],
    indexes: { by_name: ['name'] },
  }),
  tags: defineTable({
    columns: { person_id: { type: 'text' }, tag: { type: 'text' } },
    key: ['person_id', 'tag'],
    owner: 'person_id',
  }),
};
const NAMES = { people: 'people', tags: 'tags' };

describe('the rows of a batch', () => {
  let dir: string;
  let store: SqliteReadStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-batch-rows-'));
    store = new SqliteReadStore(join(dir, 'read.sqlite'));
    for (const [table, declared] of Object.entries(TABLES)) {
      for (const statement of [...declared.schema(table), ...declared.indexSchema(table)]) {
        await store.execute(statement);
      }
    }
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One batch in one transaction: load what is named, evolve, flush, commit. */
  async function batch(rows: BatchRows<typeof TABLES>, needs: string[], evolve: () => void) {
    rows.begin();
    await store.transaction(async (tx) => {
      await rows.load(
        tx,
        needs.map((id) => ['people', id] as const),
      );
      evolve();
      await rows.flush(tx);
    });
    rows.committed();
  }

  it('writes thousands of changed rows back, replaced and deleted ones included', async () => {
    const rows = new BatchRows(TABLES, NAMES);
    const ids = Array.from({ length: 5000 }, (_, n) => `p${n}`);
    await batch(rows, ids, () => {
      for (const id of ids) rows.put('people', { id, name: `name ${id}`, score: null });
      rows.replace('tags', 'p1', [
        { person_id: 'p1', tag: 'a' },
        { person_id: 'p1', tag: 'b' },
      ]);
    });
    await batch(rows, ['p0', 'p1'], () => {
      rows.delete('people', 'p0');
      rows.put('people', { ...rows.get('people', 'p1')!, score: 9.5 });
      rows.replace('tags', 'p1', [{ person_id: 'p1', tag: 'c' }]);
    });

    expect(await store.query('SELECT COUNT(*) AS n FROM people')).toEqual([{ n: 4999 }]);
    expect(await store.query("SELECT * FROM people WHERE id IN ('p0', 'p1')")).toEqual([
      { id: 'p1', name: 'name p1', score: 9.5 },
    ]);
    expect(await store.query('SELECT * FROM tags')).toEqual([{ person_id: 'p1', tag: 'c' }]);
  });

  it('forgets the changes of a batch whose transaction rolled back', async () => {
    const rows = new BatchRows(TABLES, NAMES);
    await batch(rows, ['ada'], () => rows.put('people', { id: 'ada', name: 'Ada', score: 1 }));
    rows.begin();
    await expect(
      store.transaction(async (tx) => {
        await rows.load(tx, [['people', 'ada']]);
        rows.put('people', { id: 'ada', name: 'Ada', score: 2 });
        await rows.flush(tx);
        throw new Error('the checkpoint could not be written');
      }),
    ).rejects.toThrow('the checkpoint could not be written');

    let seen: number | null | undefined;
    await batch(rows, ['ada'], () => (seen = rows.get('people', 'ada')?.score));
    expect(seen).toBe(1);
    expect(await store.query('SELECT score FROM people')).toEqual([{ score: 1 }]);
  });

  it('refuses to evolve a row its handler did not name, rather than take it for absent', async () => {
    const rows = new BatchRows(TABLES, NAMES);
    await batch(rows, ['ada'], () => rows.put('people', { id: 'ada', name: 'Ada', score: 1 }));
    rows.begin();
    expect(() => rows.get('people', 'grace')).toThrow(
      'The row people grace was not loaded: name it in needs',
    );
  });
});
