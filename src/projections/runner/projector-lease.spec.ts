import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteReadStore } from '../../readstore/sqlite-read-store.js';
import { LeaseLostError, ProjectorLease, readLeaseHolder } from './projector-lease.js';
import { createRunnerTables } from './runner.schema.js';

const TTL = 5000;
const T0 = new Date('2026-03-01T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('the projector lease', () => {
  let dir: string;
  let stores: SqliteReadStore[];
  let first: ProjectorLease;
  let second: ProjectorLease;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-lease-'));
    // Two connections to one file, as two processes would have.
    stores = [0, 1].map(() => new SqliteReadStore(join(dir, 'read.sqlite')));
    await createRunnerTables(stores[0]);
    first = new ProjectorLease(stores[0], 'first', TTL);
    second = new ProjectorLease(stores[1], 'second', TTL);
  });

  afterEach(async () => {
    for (const store of stores) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const holder = (now: Date) => readLeaseHolder(stores[1], now);

  it('goes to one runner at a time, for as long as it renews the lease', async () => {
    expect(await first.acquire(T0)).toBe(true);
    expect(await second.acquire(at(1000))).toBe(false);
    expect(await first.renew(undefined, at(4000))).toBe(true);
    expect(await second.acquire(at(8000))).toBe(false);
    expect(await holder(at(8000))).toEqual({
      holder: 'first',
      acquiredAt: T0.toISOString(),
      expiresAt: at(9000).toISOString(),
    });
  });

  it('goes to another runner once it has expired, and the first can no longer renew it', async () => {
    await first.acquire(T0);
    expect(await holder(at(TTL))).toBeUndefined();
    expect(await second.acquire(at(TTL))).toBe(true);
    expect(await first.renew(undefined, at(TTL + 1))).toBe(false);
    expect(await holder(at(TTL + 1))).toMatchObject({ holder: 'second' });
  });

  it('fences commits: a transaction of a runner that lost the lease rolls back', async () => {
    await first.acquire(T0);
    await second.acquire(at(TTL));
    await stores[0].execute('CREATE TABLE facts (fact TEXT)');
    const commit = (lease: ProjectorLease, fact: string) =>
      stores[0].transaction(async (tx) => {
        await tx.execute('INSERT INTO facts VALUES (?)', [fact]);
        await lease.fence(tx);
      });
    await expect(commit(first, 'from first')).rejects.toBeInstanceOf(LeaseLostError);
    await commit(second, 'from second');
    expect(await stores[0].query('SELECT fact FROM facts')).toEqual([{ fact: 'from second' }]);
  });

  it('is released only by its holder, and is then free at once', async () => {
    await first.acquire(T0);
    await second.release();
    expect(await holder(at(1))).toMatchObject({ holder: 'first' });
    await first.release();
    expect(await holder(at(1))).toBeUndefined();
    expect(await second.acquire(at(2))).toBe(true);
  });
});
