import type { Settings } from '../../config/settings.js';
import { spoolDepth, spoolFile } from '../../ingest/spool/delivery-spool.js';
import {
  ProjectionStatusService,
  type ProjectionStatus,
} from '../../projections/runner/projection-status.service.js';
import type { LeaseHolder } from '../../projections/runner/projector-lease.js';
import { createProjectionsContext } from '../projections-context.js';
import { withResources } from '../with-resources.js';

/** What `ledger status` reports. */
export interface StatusReport {
  eventStore: Settings['EVENT_STORE'];
  /** The position of the last event in the log; null while it is empty. */
  head: string | null;
  /** The projector holding the read store's lease; null when none is running. */
  projector: LeaseHolder | null;
  /** Events parked by the live read models, all projections together. */
  parked: number;
  /** Deliveries waiting in the local spool for EventStoreDB; null with the SQLite store. */
  spoolDepth: number | null;
  projections: ProjectionStatus[];
}

/** Reads the status from the stores the settings name, without starting anything. */
export function readStatus(settings: Settings): Promise<StatusReport> {
  return withResources(settings, async (resources) => {
    const context = await createProjectionsContext(settings, resources);
    try {
      return await report(settings, context.get(ProjectionStatusService));
    } finally {
      await context.close();
    }
  });
}

async function report(settings: Settings, status: ProjectionStatusService): Promise<StatusReport> {
  const [projections, projector] = await Promise.all([status.statuses(), status.projector()]);
  return {
    eventStore: settings.EVENT_STORE,
    head: projections[0]?.head ?? null,
    projector,
    parked: projections.reduce((sum, projection) => sum + projection.parked, 0),
    spoolDepth:
      settings.EVENT_STORE === 'eventstoredb' ? spoolDepth(spoolFile(settings.DATA_DIR)) : null,
    projections,
  };
}
