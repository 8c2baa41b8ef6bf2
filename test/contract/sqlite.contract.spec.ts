import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { leaveRoomFor } from '../support/nearly-full-disk.js';
import { describeEventStoreContract } from './event-store.contract.js';

describeEventStoreContract(
  'SQLite',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-contract-'));
    return {
      open: async () => new SqliteEventStore({ file: join(dir, 'events.sqlite') }),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
  { leaveRoom: (store, bytes) => leaveRoomFor(store as SqliteEventStore, bytes) },
);
