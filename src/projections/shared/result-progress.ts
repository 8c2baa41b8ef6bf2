import type { AssessmentResult } from '../../events/payloads.js';
import { defineTable, type RowOf } from '../../readstore/table.js';
import type { TableRows } from '../read-model/batch-rows.js';
import { keepKnown } from './keep-known.js';
import { isBehind, resultStateRank } from './state-order.js';
import { int } from './values.js';

/**
 * How far each assessment result has got, by the payloads applied so far: its state's rank,
 * then its accumulated seconds, which only grow while a candidate works. Every projection
 * that reads result payloads keeps its own copy, so that it can be rebuilt alone.
 */
export const resultProgress = defineTable({
  columns: {
    result_id: { type: 'text' },
    state_rank: { type: 'integer', nullable: true },
    accumulated_seconds: { type: 'integer', nullable: true },
  },
  key: ['result_id'],
});

type Progress = RowOf<typeof resultProgress.columns>;

/**
 * Records the progress a result payload reports. Returns false, recording nothing, when
 * the payload is behind what is known: a late delivery of an older state.
 */
export function advanceResultProgress(
  progress: TableRows<Progress>,
  result: AssessmentResult,
): boolean {
  const known = progress.get(result.id);
  const reported: Progress = {
    result_id: result.id,
    state_rank: resultStateRank(result.state),
    accumulated_seconds: int(result.accumulated_seconds),
  };
  if (known && isOlder(known, reported)) return false;
  progress.put(keepKnown(known, reported));
  return true;
}

function isOlder(known: Progress, reported: Progress): boolean {
  if (known.state_rank !== reported.state_rank) {
    return isBehind(known.state_rank, reported.state_rank);
  }
  return isBehind(known.accumulated_seconds, reported.accumulated_seconds);
}
