/** Small helpers for readable event sequences in projection specs. */

const START = Date.parse('2024-01-12T15:00:00.000Z');

/** The ISO time `minutes` after the scenarios' common start. */
export function at(minutes: number): string {
  return new Date(START + minutes * 60_000).toISOString();
}

/** A MongoDB-style id (24 hex digits) for a kind of resource and a number. */
export function objectId(
  kind: 'candidate' | 'result' | 'assessment' | 'challenge' | 'solution' | 'review' | 'reviewer',
  n: number,
): string {
  const prefix = {
    candidate: '65a1f3c2',
    result: '65a1f408',
    assessment: '6598e2b1',
    challenge: '6597c0d4',
    solution: '65a26a3e',
    review: '65a2b7e3',
    reviewer: '6590ab7c',
  }[kind];
  return prefix + n.toString(16).padStart(16, '0');
}
