import type { AssessmentResult } from '../../events/payloads.js';
import type { SqlExecutor } from '../../readstore/read-store.port.js';
import { isBehind, resultStateRank } from './state-order.js';
import { int } from './values.js';

/**
 * How far each assessment result has got, by the payloads applied so far: its state's rank,
 * then its accumulated seconds, which only grow while a candidate works. Every projection
 * that reads result payloads keeps its own copy, so that it can be rebuilt alone.
 */
export function resultProgressSchema(table: string): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${table} (
      result_id TEXT PRIMARY KEY,
      state_rank INTEGER,
      accumulated_seconds INTEGER
    )`,
  ];
}

interface Progress {
  state_rank: number | null;
  accumulated_seconds: number | null;
}

/**
 * Records the progress a result payload reports. Returns false, recording nothing, when
 * the payload is behind what is known: a late delivery of an older state.
 */
export async function advanceResultProgress(
  tx: SqlExecutor,
  table: string,
  result: AssessmentResult,
): Promise<boolean> {
  const [known] = await tx.query<Progress>(
    `SELECT state_rank, accumulated_seconds FROM ${table} WHERE result_id = ?`,
    [result.id],
  );
  const reported: Progress = {
    state_rank: resultStateRank(result.state),
    accumulated_seconds: int(result.accumulated_seconds),
  };
  if (known && isOlder(known, reported)) return false;
  await tx.execute(
    `INSERT INTO ${table} (result_id, state_rank, accumulated_seconds) VALUES (?, ?, ?)
     ON CONFLICT (result_id) DO UPDATE SET
       state_rank = COALESCE(excluded.state_rank, ${table}.state_rank),
       accumulated_seconds = COALESCE(excluded.accumulated_seconds, ${table}.accumulated_seconds)`,
    [result.id, reported.state_rank, reported.accumulated_seconds],
  );
  return true;
}

function isOlder(known: Progress, reported: Progress): boolean {
  if (known.state_rank !== reported.state_rank) {
    return isBehind(known.state_rank, reported.state_rank);
  }
  return isBehind(known.accumulated_seconds, reported.accumulated_seconds);
}
