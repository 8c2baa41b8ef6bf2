import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { KnownEvents } from './known-events.js';

describe('KnownEvents', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-known-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('knows every event of a long stream, the last as well as the first', async () => {
    const ids = Array.from({ length: 250 }, () => randomUUID());
    const events = ids.map((id) => ({ id, type: 't', data: {}, metadata: {} }));
    await store.append('rejectedDeliveries', events);
    const known = new KnownEvents(store);
    expect(await known.has('rejectedDeliveries', ids[0])).toBe(true);
    expect(await known.has('rejectedDeliveries', ids[249])).toBe(true);
    expect(await known.has('rejectedDeliveries', randomUUID())).toBe(false);
    expect(await known.has('teamCandidate-none', ids[0])).toBe(false);
  });
});
