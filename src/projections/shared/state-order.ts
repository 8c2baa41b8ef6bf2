/**
 * How far along a result or a review is. A delivery that reports an earlier state than
 * one already applied is a late, older delivery: it must not move the state back.
 * Unknown states have no rank and are never taken for late.
 */
// Maps, not objects: a state named `constructor` or `toString` has no rank.
const RESULT_STATE_RANK: ReadonlyMap<string, number> = new Map([
  ['invited', 0],
  ['opened', 1],
  ['started', 2],
  ['submitting', 3],
  ['submitted', 4],
  ['terminated', 4],
]);

const REVIEW_STATE_RANK: ReadonlyMap<string, number> = new Map([
  ['invited', 0],
  ['started', 1],
  ['submitted', 2],
]);

export function resultStateRank(state: unknown): number | null {
  return typeof state === 'string' ? (RESULT_STATE_RANK.get(state) ?? null) : null;
}

export function reviewStateRank(state: unknown): number | null {
  return typeof state === 'string' ? (REVIEW_STATE_RANK.get(state) ?? null) : null;
}

/** Whether a reported rank is behind the rank already known; unknown ranks never are. */
export function isBehind(known: number | null, reported: number | null): boolean {
  return known !== null && reported !== null && reported < known;
}
