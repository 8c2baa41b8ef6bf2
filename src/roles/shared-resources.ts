import { join } from 'node:path';
import type { Settings } from '../config/settings.js';
import { openEventStore } from '../eventstore/event-store.factory.js';
import type { EventStore } from '../eventstore/event-store.port.js';
import { LedgerMetrics } from '../platform/metrics/ledger-metrics.js';
import { checkDataDir } from '../platform/startup/data-dir.js';
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

export async function closeSharedResources(resources: SharedResources): Promise<void> {
  await resources.eventStore.close();
  await resources.readStore.close();
}
