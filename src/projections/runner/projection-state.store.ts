import type { SqlExecutor } from '../../readstore/read-store.port.js';

/**
 * live: applying events as they arrive; catching-up: working through the log's history;
 * rebuilding: building new tables beside the live ones; stopped: not applying events.
 */
export type ProjectionState = 'live' | 'catching-up' | 'rebuilding' | 'stopped';

export interface ReportedState {
  state: ProjectionState;
  /** Why it stopped, when an error stopped it. */
  error: string | null;
  changedAt: string;
}

export async function saveState(
  db: SqlExecutor,
  projection: string,
  state: { state: ProjectionState; error: string | null; now: Date },
): Promise<void> {
  await db.execute(
    `INSERT INTO projection_states (projection, state, error, changed_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (projection) DO UPDATE SET state = excluded.state, error = excluded.error,
       changed_at = excluded.changed_at`,
    [projection, state.state, state.error, state.now.toISOString()],
  );
}

export async function readStates(db: SqlExecutor): Promise<Map<string, ReportedState>> {
  const rows = await db.query<{
    projection: string;
    state: ProjectionState;
    error: string | null;
    changed_at: string;
  }>('SELECT projection, state, error, changed_at FROM projection_states');
  return new Map(
    rows.map((row) => [
      row.projection,
      { state: row.state, error: row.error, changedAt: row.changed_at },
    ]),
  );
}
