import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '../../eventstore/event-store.port.js';
import { Position } from '../../eventstore/position.js';
import type { SqlExecutor } from '../../readstore/read-store.port.js';

/** An event a projection could not apply, kept to be retried. */
export interface DeadLetter {
  id: string;
  projection: string;
  /** Null when the live tables miss it; else the suffix of the rebuild whose tables do. */
  rebuild: string | null;
  position: string;
  eventId: string;
  eventType: string;
  stream: string;
  /** The last error, with its stack. */
  error: string;
  attempts: number;
  parkedAt: string;
  lastAttemptAt: string;
}

interface DeadLetterRow {
  id: string;
  projection: string;
  rebuild_suffix: string | null;
  log_position: string;
  event_id: string;
  event_type: string;
  stream: string;
  error: string;
  attempts: number;
  parked_at: string;
  last_attempt_at: string;
}

export interface Parking {
  projection: string;
  rebuild: string | null;
  event: RecordedEvent;
  error: string;
  attempts: number;
  now: Date;
}

export async function parkEvent(tx: SqlExecutor, parking: Parking): Promise<void> {
  const { event, now } = parking;
  await tx.execute(
    `INSERT INTO projection_dead_letters (id, projection, rebuild_suffix, log_position, event_id,
       event_type, stream, error, attempts, parked_at, last_attempt_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      randomUUID(),
      parking.projection,
      parking.rebuild,
      event.position.toString(),
      event.id,
      event.type,
      event.stream,
      parking.error,
      parking.attempts,
      now.toISOString(),
      now.toISOString(),
    ],
  );
}

/** Parked events of one projection or all, in log order, live and rebuild ones alike. */
export async function listDeadLetters(db: SqlExecutor, projection?: string): Promise<DeadLetter[]> {
  const rows = await db.query<DeadLetterRow>(
    `SELECT * FROM projection_dead_letters${projection === undefined ? '' : ' WHERE projection = ?'}`,
    projection === undefined ? [] : [projection],
  );
  return rows
    .map(toDeadLetter)
    .sort(
      (a, b) =>
        a.projection.localeCompare(b.projection) ||
        Position.parse(a.position).compare(Position.parse(b.position)),
    );
}

export async function findDeadLetter(db: SqlExecutor, id: string): Promise<DeadLetter | undefined> {
  const [row] = await db.query<DeadLetterRow>(
    'SELECT * FROM projection_dead_letters WHERE id = ?',
    [id],
  );
  return row && toDeadLetter(row);
}

/** Parked events of the live tables, by projection. */
export async function countDeadLetters(db: SqlExecutor): Promise<Map<string, number>> {
  const rows = await db.query<{ projection: string; parked: number }>(
    `SELECT projection, COUNT(*) AS parked FROM projection_dead_letters
       WHERE rebuild_suffix IS NULL GROUP BY projection`,
  );
  return new Map(rows.map((row) => [row.projection, Number(row.parked)]));
}

export async function removeDeadLetter(tx: SqlExecutor, id: string): Promise<void> {
  await tx.execute('DELETE FROM projection_dead_letters WHERE id = ?', [id]);
}

export async function recordFailedRetry(
  tx: SqlExecutor,
  failure: { id: string; error: string; now: Date },
): Promise<void> {
  await tx.execute(
    `UPDATE projection_dead_letters SET attempts = attempts + 1, error = ?, last_attempt_at = ?
       WHERE id = ?`,
    [failure.error, failure.now.toISOString(), failure.id],
  );
}

/** At a swap: the old live tables' dead letters go with them; the rebuild's become live. */
export async function adoptRebuildDeadLetters(
  tx: SqlExecutor,
  projection: string,
  suffix: string,
): Promise<void> {
  await tx.execute(
    'DELETE FROM projection_dead_letters WHERE projection = ? AND rebuild_suffix IS NULL',
    [projection],
  );
  await tx.execute(
    `UPDATE projection_dead_letters SET rebuild_suffix = NULL
       WHERE projection = ? AND rebuild_suffix = ?`,
    [projection, suffix],
  );
}

export async function dropRebuildDeadLetters(
  tx: SqlExecutor,
  projection: string,
  suffix: string,
): Promise<void> {
  await tx.execute(
    'DELETE FROM projection_dead_letters WHERE projection = ? AND rebuild_suffix = ?',
    [projection, suffix],
  );
}

function toDeadLetter(row: DeadLetterRow): DeadLetter {
  return {
    id: row.id,
    projection: row.projection,
    rebuild: row.rebuild_suffix,
    position: row.log_position,
    eventId: row.event_id,
    eventType: row.event_type,
    stream: row.stream,
    error: row.error,
    attempts: Number(row.attempts),
    parkedAt: row.parked_at,
    lastAttemptAt: row.last_attempt_at,
  };
}
