import type { EventStore } from '../../eventstore/event-store.port.js';
import { StartupError } from './startup-error.js';
import { oneLine } from './wait-for-event-store.js';

/** Stops the start, in one line, when the event store cannot serve this version of the ledger. */
export async function checkEventStore(store: EventStore, name: string): Promise<void> {
  try {
    await store.checkSupported();
  } catch (error) {
    throw new StartupError(`${name} cannot be used: ${oneLine(error)}`, { cause: error });
  }
}
