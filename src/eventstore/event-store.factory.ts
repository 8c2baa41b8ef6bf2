import { join } from 'node:path';
import type { Settings } from '../config/settings.js';
import { EventStoreDbEventStore } from './esdb/eventstoredb-event-store.js';
import type { EventStore } from './event-store.port.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

/** Opens the event store the settings choose. */
export function openEventStore(settings: Settings): EventStore {
  if (settings.EVENT_STORE === 'eventstoredb') {
    return new EventStoreDbEventStore({
      connectionString: settings.EVENTSTORE_CONNECTION_STRING,
      appendTimeoutMs: settings.EVENTSTORE_APPEND_TIMEOUT_MS,
    });
  }
  return new SqliteEventStore({
    file: join(settings.DATA_DIR, 'events.sqlite'),
    synchronous: settings.SQLITE_SYNCHRONOUS,
  });
}
