import type { RecordedEvent } from '../../eventstore/event-store.port.js';
import type { SqlExecutor } from '../../readstore/read-store.port.js';
import { liveTables, type Projection, type TableNames } from '../projection.js';
import { saveCheckpoint } from './checkpoint.store.js';
import { eventTime } from './log-facts.js';
import { saveRebuildProgress, type RebuildRecord } from './rebuild.store.js';

/** The tables a consumer applies a projection to, and where it records how far it got. */
export interface Target {
  readonly projection: Projection;
  readonly tables: TableNames;
  /** Null for the live tables; the rebuild's suffix for its shadow tables. */
  readonly rebuild: string | null;
  /** Records, in the transaction that applied them, that the events up to `last` are done. */
  advance(tx: SqlExecutor, last: RecordedEvent, count: number): Promise<void>;
}

export function liveTarget(projection: Projection): Target {
  return {
    projection,
    tables: liveTables(projection),
    rebuild: null,
    advance: (tx, last) =>
      saveCheckpoint(tx, {
        projection: projection.name,
        version: projection.version,
        position: last.position,
        eventTime: eventTime(last),
        tables: projection.tables,
      }),
  };
}

export function rebuildTarget(projection: Projection, record: RebuildRecord): Target {
  return {
    projection,
    tables: record.tables,
    rebuild: record.suffix,
    advance: (tx, last, count) =>
      saveRebuildProgress(tx, {
        projection: projection.name,
        position: last.position,
        eventTime: eventTime(last),
        count,
        now: new Date(),
      }),
  };
}
