import { join } from 'node:path';
import type { Settings } from '../config/settings.js';
import { describeEventStore, openEventStore } from '../eventstore/event-store.factory.js';
import type { EventStore } from '../eventstore/event-store.port.js';
import { LedgerMetrics } from '../platform/metrics/ledger-metrics.js';
import { checkDataDir } from '../platform/startup/data-dir.js';
import { checkEventStore } from '../platform/startup/check-event-store.js';
import { waitForEventStore } from '../platform/startup/wait-for-event-store.js';
import type { ReadStore } from '../readstore/read-store.port.js';
import { SqliteReadStore } from '../readstore/sqlite-read-store.js';

/**
 * The stores a process opens once and shares between the roles it runs, so that, for
 * example, the projector hears of an append by ingest in the same process at once.
 */
export interface SharedResources {
  eventStore: EventStore;
  readStore: ReadStore;
  metrics: LedgerMetrics;
}

/** Opens the stores in DATA_DIR, after checking that it can be written. */
export function openSharedResources(settings: Settings): SharedResources {
  checkDataDir(settings.DATA_DIR);
  return {
    eventStore: openEventStore(settings),
    readStore: new SqliteReadStore(join(settings.DATA_DIR, 'read-models.sqlite')),
    metrics: new LedgerMetrics(),
  };
}

/**
 * Opens the stores, then waits up to EVENTSTORE_CONNECT_TIMEOUT_MS for the event store to
 * answer, so that every command meets an EventStoreDB that is still starting the same way;
 * past the bound it closes them and fails with a StartupError.
 */
export async function openReadyResources(settings: Settings): Promise<SharedResources> {
  const resources = openSharedResources(settings);
  try {
    const name = describeEventStore(settings);
    await waitForEventStore(resources.eventStore, {
      timeoutMs: settings.EVENTSTORE_CONNECT_TIMEOUT_MS,
      name,
    });
    await checkEventStore(resources.eventStore, name);
    return resources;
  } catch (error) {
    await closeSharedResources(resources);
    throw error;
  }
}

export async function closeSharedResources(resources: SharedResources): Promise<void> {
  await resources.eventStore.close();
  await resources.readStore.close();
}
