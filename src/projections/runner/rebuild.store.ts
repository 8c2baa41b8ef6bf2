import { Position } from '../../eventstore/position.js';
import type { SqlExecutor } from '../../readstore/read-store.port.js';
import type { TableNames } from '../projection.js';

/** A rebuild in progress: its shadow tables and how far it has got. */
export interface RebuildRecord {
  projection: string;
  /** The projection version it builds. */
  version: number;
  /** Tells this rebuild's shadow tables (and dead letters) from every other one's. */
  suffix: string;
  /** The shadow tables, by logical name. */
  tables: TableNames;
  position: Position | undefined;
  /** The receivedAt of the last event applied. */
  eventTime: string | null;
  eventsDone: number;
  startedAt: string;
  /** When the current run (first or resumed) began, and how many events were done then. */
  runStartedAt: string | null;
  runEventsFrom: number;
  /** When the last batch was committed. */
  progressAt: string | null;
}

interface RebuildRow {
  projection: string;
  version: number;
  suffix: string;
  table_names: string;
  log_position: string | null;
  updated_at: string | null;
  events_done: number;
  started_at: string;
  run_started_at: string | null;
  run_events_from: number;
  progress_at: string | null;
}

const SELECT = 'SELECT * FROM projection_rebuilds';

export async function readRebuild(
  db: SqlExecutor,
  projection: string,
): Promise<RebuildRecord | undefined> {
  const [row] = await db.query<RebuildRow>(`${SELECT} WHERE projection = ?`, [projection]);
  return row && toRecord(row);
}

export async function readRebuilds(db: SqlExecutor): Promise<Map<string, RebuildRecord>> {
  const rows = await db.query<RebuildRow>(SELECT);
  return new Map(rows.map((row) => [row.projection, toRecord(row)]));
}

export async function insertRebuild(tx: SqlExecutor, record: RebuildRecord): Promise<void> {
  await tx.execute(
    `INSERT INTO projection_rebuilds (projection, version, suffix, table_names, log_position,
       updated_at, events_done, started_at, run_started_at, run_events_from, progress_at)
     VALUES (?, ?, ?, ?, NULL, NULL, 0, ?, NULL, 0, NULL)`,
    [
      record.projection,
      record.version,
      record.suffix,
      JSON.stringify(record.tables),
      record.startedAt,
    ],
  );
}

/** Marks the start of a run, from which the rate is measured. */
export async function startRebuildRun(
  db: SqlExecutor,
  projection: string,
  now: Date,
): Promise<void> {
  await db.execute(
    `UPDATE projection_rebuilds SET run_started_at = ?, run_events_from = events_done,
       progress_at = ? WHERE projection = ?`,
    [now.toISOString(), now.toISOString(), projection],
  );
}

export async function saveRebuildProgress(
  tx: SqlExecutor,
  progress: { projection: string; position: Position; eventTime: string; count: number; now: Date },
): Promise<void> {
  await tx.execute(
    `UPDATE projection_rebuilds SET log_position = ?, updated_at = ?,
       events_done = events_done + ?, progress_at = ? WHERE projection = ?`,
    [
      progress.position.toString(),
      progress.eventTime,
      progress.count,
      progress.now.toISOString(),
      progress.projection,
    ],
  );
}

export async function deleteRebuild(tx: SqlExecutor, projection: string): Promise<void> {
  await tx.execute('DELETE FROM projection_rebuilds WHERE projection = ?', [projection]);
}

function toRecord(row: RebuildRow): RebuildRecord {
  return {
    projection: row.projection,
    version: Number(row.version),
    suffix: row.suffix,
    tables: JSON.parse(row.table_names) as TableNames,
    position: row.log_position === null ? undefined : Position.parse(row.log_position),
    eventTime: row.updated_at,
    eventsDone: Number(row.events_done),
    startedAt: row.started_at,
    runStartedAt: row.run_started_at,
    runEventsFrom: Number(row.run_events_from),
    progressAt: row.progress_at,
  };
}
