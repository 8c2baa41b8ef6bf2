import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { newEvent, uniqueStream } from './event-store.contract.js';

describe('SQLite event store', () => {
  let dir: string;
  let file: string;
  const stores: SqliteEventStore[] = [];
  const open = (options: { pollIntervalMs?: number } = {}) => {
    const store = new SqliteEventStore({ file, ...options });
    stores.push(store);
    return store;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-sqlite-'));
    file = join(dir, 'nested', 'events.sqlite');
  });

  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates its file and has no head position while empty', async () => {
    expect(await open().headPosition()).toBeUndefined();
  });

  it('keeps events on disk across a reopen', async () => {
    const first = open();
    const event = newEvent({ data: { kept: true } });
    await first.append('kept-1', [event]);
    await first.close();
    const [read] = await open().readStream('kept-1');
    expect(read).toMatchObject({ id: event.id, data: { kept: true } });
  });

  it('answers a repeated append of the same event ids with the original result', async () => {
    const store = open();
    const stream = uniqueStream();
    const events = [newEvent(), newEvent()];
    const first = await store.append(stream, events, { expectedRevision: 'no_stream' });
    const again = await store.append(stream, events, { expectedRevision: 'no_stream' });
    expect(again).toEqual(first);
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it('refuses an event id already used for another event, without failing other appends', async () => {
    const store = open();
    const used = newEvent();
    await store.append('ids-1', [used]);
    const reuse = store.append('ids-2', [newEvent(), { ...used }]);
    const neighbour = store.append('ids-3', [newEvent()]);
    await expect(reuse).rejects.toThrow(/already stored/);
    await expect(neighbour).resolves.toMatchObject({ nextRevision: 0n });
    expect(await store.readStream('ids-2')).toEqual([]);
  });

  it('delivers events written by another process sharing the file', async () => {
    const reader = open({ pollIntervalMs: 20 });
    const writer = open();
    const subscription = reader.subscribeToAll();
    const iterator = subscription[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual({ kind: 'caught-up' });
    const event = newEvent();
    await writer.append('shared-1', [event]);
    expect((await iterator.next()).value).toMatchObject({ kind: 'event', event: { id: event.id } });
    await subscription.close();
  });

  it('refuses operations once closed with a store-unavailable error', async () => {
    const store = open();
    await store.close();
    await expect(store.append('closed-1', [newEvent()])).rejects.toMatchObject({
      name: 'StoreUnavailableError',
    });
  });

  it('leaves only whole batches, and every acknowledged one, after SIGKILL mid-append', async () => {
    const acknowledged = await runAndKill(file, 400);
    const events = await open().readAll();
    const batches = new Map<string, { size: number; count: number }>();
    for (const event of events) {
      const { batchId, batchSize } = event.metadata as { batchId: string; batchSize: number };
      const batch = batches.get(batchId) ?? { size: batchSize, count: 0 };
      batch.count += 1;
      batches.set(batchId, batch);
    }
    expect([...batches.values()].filter((batch) => batch.count !== batch.size)).toEqual([]);
    expect(acknowledged.filter((batchId) => !batches.has(batchId))).toEqual([]);
    expect(batches.size).toBeGreaterThanOrEqual(acknowledged.length);
  });
});

/** Runs the appending child until it has acknowledged `count` batches, then SIGKILLs it. */
function runAndKill(file: string, count: number): Promise<string[]> {
  const child = spawn(
    process.execPath,
    ['--import', '@swc-node/register/esm-register', 'test/support/sqlite-append-child.ts', file],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_OPTIONS: '' } },
  );
  const acknowledged: string[] = [];
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      acknowledged.push(line);
      if (acknowledged.length === count) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(acknowledged) : reject(new Error(`child exited (${signal})`)),
    );
  });
}
