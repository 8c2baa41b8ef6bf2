import { Position } from '../../eventstore/position.js';
import type { SqlExecutor } from '../../readstore/read-store.port.js';

/** How far a projection's live tables have got, written with each batch they commit. */
export interface Checkpoint {
  projection: string;
  version: number;
  /** The last event applied; undefined before the first. */
  position: Position | undefined;
  /** The receivedAt of the last event applied. */
  eventTime: string | null;
  /** The live tables, so that a later version knows which to drop. */
  tables: readonly string[];
}

interface CheckpointRow {
  projection: string;
  version: number;
  log_position: string | null;
  table_names: string;
  updated_at: string | null;
}

const SELECT =
  'SELECT projection, version, log_position, table_names, updated_at FROM projection_checkpoints';

export async function readCheckpoint(
  db: SqlExecutor,
  projection: string,
): Promise<Checkpoint | undefined> {
  const [row] = await db.query<CheckpointRow>(`${SELECT} WHERE projection = ?`, [projection]);
  return row && toCheckpoint(row);
}

export async function readCheckpoints(db: SqlExecutor): Promise<Map<string, Checkpoint>> {
  const rows = await db.query<CheckpointRow>(SELECT);
  return new Map(rows.map((row) => [row.projection, toCheckpoint(row)]));
}

export async function saveCheckpoint(tx: SqlExecutor, checkpoint: Checkpoint): Promise<void> {
  await tx.execute(
    `INSERT INTO projection_checkpoints (projection, version, log_position, table_names, updated_at)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (projection) DO UPDATE SET version = excluded.version,
       log_position = excluded.log_position, table_names = excluded.table_names,
       updated_at = excluded.updated_at`,
    [
      checkpoint.projection,
      checkpoint.version,
      checkpoint.position?.toString() ?? null,
      JSON.stringify(checkpoint.tables),
      checkpoint.eventTime,
    ],
  );
}

function toCheckpoint(row: CheckpointRow): Checkpoint {
  return {
    projection: row.projection,
    version: Number(row.version),
    position: row.log_position === null ? undefined : Position.parse(row.log_position),
    eventTime: row.updated_at,
    tables: JSON.parse(row.table_names) as string[],
  };
}
