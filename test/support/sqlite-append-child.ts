/**
 * Child process for the crash test: appends batches of 1 to 5 events to a SQLite event
 * store, 20 appends in flight at a time, and prints one line per append that resolved.
 * Runs until killed.
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';

const store = new SqliteEventStore({ file: process.argv[2] });

async function appendForever(worker: number) {
  for (let n = 0; ; n += 1) {
    const batchId = randomUUID();
    const size = 1 + ((worker + n) % 5);
    const events = Array.from({ length: size }, (_, i) => ({
      id: randomUUID(),
      type: 'crash_tested',
      data: { worker, n, i, padding: 'x'.repeat(200) },
      metadata: { batchId, batchSize: size },
    }));
    await store.append(`crash-${worker % 7}`, events);
    process.stdout.write(`${batchId}\n`);
  }
}

for (let worker = 0; worker < 20; worker += 1) void appendForever(worker);
