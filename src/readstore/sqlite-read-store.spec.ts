import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteReadStore } from './sqlite-read-store.js';

describe('SqliteReadStore', () => {
  let dir: string;
  let store: SqliteReadStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-readstore-'));
    store = new SqliteReadStore(join(dir, 'read.sqlite'));
    await store.execute('CREATE TABLE items (id TEXT PRIMARY KEY, n INTEGER)');
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits a transaction as a whole', async () => {
    await store.transaction(async (tx) => {
      await tx.execute('INSERT INTO items VALUES (?, ?)', ['a', 1]);
      await tx.execute('INSERT INTO items VALUES (?, ?)', ['b', 2]);
    });
    expect(await store.query('SELECT id, n FROM items ORDER BY id')).toEqual([
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ]);
  });

  it('rolls a failed transaction back and rethrows', async () => {
    const failing = store.transaction(async (tx) => {
      await tx.execute('INSERT INTO items VALUES (?, ?)', ['a', 1]);
      throw new Error('apply failed');
    });
    await expect(failing).rejects.toThrow('apply failed');
    expect(await store.query('SELECT * FROM items')).toEqual([]);
  });

  it('never shows readers a transaction in progress', async () => {
    let seenInside: unknown[] = [];
    await store.transaction(async (tx) => {
      await tx.execute('INSERT INTO items VALUES (?, ?)', ['a', 1]);
      seenInside = await store.query('SELECT * FROM items');
      expect(await tx.query('SELECT id FROM items')).toEqual([{ id: 'a' }]);
    });
    expect(seenInside).toEqual([]);
    expect(await store.query('SELECT id FROM items')).toEqual([{ id: 'a' }]);
  });

  it('runs concurrent transactions one after another', async () => {
    const increments = Array.from({ length: 20 }, () =>
      store.transaction(async (tx) => {
        const [row] = await tx.query<{ n: number }>('SELECT n FROM items WHERE id = ?', ['c']);
        await new Promise((resolve) => setImmediate(resolve));
        await tx.execute('INSERT OR REPLACE INTO items VALUES (?, ?)', ['c', (row?.n ?? 0) + 1]);
      }),
    );
    await Promise.all(increments);
    expect(await store.query('SELECT n FROM items WHERE id = ?', ['c'])).toEqual([{ n: 20 }]);
  });
});
