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
    file: eventsFile(settings),
    synchronous: settings.SQLITE_SYNCHRONOUS,
  });
}

/** The event store the settings choose, for messages: without the connection's credentials. */
export function describeEventStore(settings: Settings): string {
  if (settings.EVENT_STORE === 'eventstoredb') {
    return `EventStoreDB at ${settings.EVENTSTORE_CONNECTION_STRING.replace(/\/\/[^@/]*@/, '//')}`;
  }
  return `The event store at ${eventsFile(settings)}`;
}

function eventsFile(settings: Settings): string {
  return join(settings.DATA_DIR, 'events.sqlite');
}
