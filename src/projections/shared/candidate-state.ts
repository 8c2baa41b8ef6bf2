import type { AssessmentResult, TeamCandidate } from '../../events/payloads.js';
import { defineTable, type RowOf } from '../../readstore/table.js';
import type { TableRows } from '../read-model/batch-rows.js';
import { record, text } from './values.js';

/** A candidate's state as last established, and the state it came from. */
export interface CandidateHead {
  state: string | null;
  prevState: string | null;
}

/** What one delivery says about a candidate's state: a team candidate, or one embedded in a result. */
export interface StateReport {
  candidateId: string;
  state: string | null;
  prevState: string | null;
  /** The report rides on a result payload that is older than one already applied. */
  staleCarrier: boolean;
}

export type StateVerdict =
  | { kind: 'unchanged' }
  /** `expected` names the last known state when the report's prev_state is another: a gap. */
  | { kind: 'transition'; from: string | null; to: string; expected: string | null }
  /** An older delivery arriving after newer ones; the state does not move back. */
  | { kind: 'late'; from: string | null; to: string };

/**
 * The one rule for what a report does to a candidate's state, shared by every projection
 * that follows candidate states, so that they all agree.
 */
export function judgeStateReport(
  head: CandidateHead | undefined,
  report: StateReport,
): StateVerdict {
  const { state: to, prevState } = report;
  if (!to || head?.state === to) return { kind: 'unchanged' };
  if (report.staleCarrier || isPassedTransition(head, report)) {
    return { kind: 'late', from: prevState, to };
  }
  const known = head?.state ?? null;
  const expected = known !== null && prevState !== null && prevState !== known ? known : null;
  return { kind: 'transition', from: prevState ?? known, to, expected };
}

/**
 * A report of the transition into the state the candidate has since left: it leads to the
 * known previous state and does not start from the current one (which a genuine return to
 * the previous state would).
 */
function isPassedTransition(head: CandidateHead | undefined, report: StateReport): boolean {
  return (
    head !== undefined &&
    head.prevState !== null &&
    report.state === head.prevState &&
    report.prevState !== head.state
  );
}

/** Each candidate's state as a projection follows it. */
export const candidateStates = defineTable({
  columns: {
    candidate_id: { type: 'text' },
    state: { type: 'text', nullable: true },
    prev_state: { type: 'text', nullable: true },
  },
  key: ['candidate_id'],
  indexes: { by_state: ['state'] },
});

/** Judges a report against the candidate's known state and records a transition. */
export function advanceCandidateState(
  states: TableRows<RowOf<typeof candidateStates.columns>>,
  report: StateReport,
): { verdict: StateVerdict; head: CandidateHead | undefined } {
  const row = states.get(report.candidateId);
  const known = row && { state: row.state, prevState: row.prev_state };
  const verdict = judgeStateReport(known, report);
  if (verdict.kind !== 'transition') return { verdict, head: known };
  states.put({ candidate_id: report.candidateId, state: verdict.to, prev_state: verdict.from });
  return { verdict, head: { state: verdict.to, prevState: verdict.from } };
}

/** What a team-candidate payload says about the candidate's state. */
export function reportFromCandidate(candidate: TeamCandidate): StateReport {
  return {
    candidateId: candidate.id,
    state: text(candidate.state),
    prevState: text(candidate.prev_state),
    staleCarrier: false,
  };
}

/** What the team candidate embedded in a result payload says, if the result names one. */
export function reportFromResult(
  result: AssessmentResult,
  staleCarrier: boolean,
): StateReport | undefined {
  const embedded = record(result.team_candidate);
  const candidateId = text(embedded?.id);
  if (!embedded || !candidateId) return undefined;
  return {
    candidateId,
    state: text(embedded.state),
    prevState: text(embedded.prev_state),
    staleCarrier,
  };
}
