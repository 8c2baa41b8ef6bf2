import type { ReadStore } from '../../readstore/read-store.port.js';
import { LOG_DELIVERIES, LOG_DELIVERIES_TABLE } from './first-deliveries.js';
import { existingTables } from './table-names.js';

/**
 * The runner's own tables, beside the read models they describe. Positions are stored as
 * text (`Position.toString`), times as ISO-8601 text; plain types for SQLite and PostgreSQL.
 */
export const RUNNER_SCHEMA: readonly string[] = [
  // updated_at is the receivedAt of the last event applied, so lag needs no clock.
  `CREATE TABLE IF NOT EXISTS projection_checkpoints (
     projection   TEXT PRIMARY KEY,
     version      INTEGER NOT NULL,
     log_position TEXT,
     table_names  TEXT NOT NULL,
     updated_at   TEXT
   )`,
  // rebuild_suffix is null for events parked by the live projection, else the suffix of the
  // rebuild's shadow tables the event is missing from.
  `CREATE TABLE IF NOT EXISTS projection_dead_letters (
     id              TEXT PRIMARY KEY,
     projection      TEXT NOT NULL,
     rebuild_suffix  TEXT,
     log_position    TEXT NOT NULL,
     event_id        TEXT NOT NULL,
     event_type      TEXT NOT NULL,
     stream          TEXT NOT NULL,
     error           TEXT NOT NULL,
     attempts        INTEGER NOT NULL,
     parked_at       TEXT NOT NULL,
     last_attempt_at TEXT NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS projection_dead_letters_by_projection
     ON projection_dead_letters (projection, rebuild_suffix)`,
  // run_started_at and run_events_from: when the current run (first or resumed) began and
  // how many events were done then; with progress_at, the last commit, they give the rate.
  `CREATE TABLE IF NOT EXISTS projection_rebuilds (
     projection   TEXT PRIMARY KEY,
     version      INTEGER NOT NULL,
     suffix       TEXT NOT NULL,
     table_names  TEXT NOT NULL,
     log_position TEXT,
     updated_at   TEXT,
     events_done  BIGINT NOT NULL,
     started_at   TEXT NOT NULL,
     run_started_at  TEXT,
     run_events_from BIGINT NOT NULL,
     progress_at     TEXT
   )`,
  // What the projector last reported, so that any process sharing the read store can tell.
  `CREATE TABLE IF NOT EXISTS projection_states (
     projection TEXT PRIMARY KEY,
     state      TEXT NOT NULL,
     error      TEXT,
     changed_at TEXT NOT NULL
   )`,
  // The one projector allowed to write here, until expires_at unless it renews (projector-lease.ts).
  `CREATE TABLE IF NOT EXISTS projection_lease (
     name        TEXT PRIMARY KEY,
     holder      TEXT NOT NULL,
     acquired_at TEXT NOT NULL,
     expires_at  TEXT NOT NULL
   )`,
  ...LOG_DELIVERIES.schema(LOG_DELIVERIES_TABLE),
];

const RUNNER_TABLES = RUNNER_SCHEMA.flatMap(
  (statement) => /^CREATE TABLE IF NOT EXISTS (\w+)/.exec(statement)?.[1] ?? [],
);

export async function createRunnerTables(readStore: ReadStore): Promise<void> {
  // They are there on most starts: looking first spares a wait for the write lock, which a
  // busy projector in another process may hold nearly all the time.
  const existing = await existingTables(readStore, RUNNER_TABLES);
  if (existing.length === RUNNER_TABLES.length) return;
  await readStore.transaction(async (tx) => {
    for (const statement of RUNNER_SCHEMA) await tx.execute(statement);
  });
}
