import type { AssessmentResult, TeamCandidate } from '../../events/payloads.js';
import type { CandidateHead } from '../shared/candidate-state.js';
import { flag, int, num, parseList, record, text, textList } from '../shared/values.js';
import type { CandidateRow } from './team-candidates.tables.js';

/** The row as it stands, or a new one, with the delivery counted as activity. */
export function touchedRow(before: CandidateRow | undefined, id: string, at: string): CandidateRow {
  if (!before) {
    return {
      id,
      name: null,
      first_name: null,
      last_name: null,
      email: null,
      anonymous_name: null,
      state: null,
      prev_state: null,
      labels: '[]',
      test_team_member: null,
      assessment_results_count: null,
      highest_score: null,
      first_seen_at: at,
      last_activity_at: at,
    };
  }
  return {
    ...before,
    first_seen_at: at < before.first_seen_at ? at : before.first_seen_at,
    last_activity_at: at > before.last_activity_at ? at : before.last_activity_at,
  };
}

/** A team-candidate payload is a whole snapshot; a field it leaves out keeps its value. */
export function withCandidatePayload(
  row: CandidateRow,
  candidate: TeamCandidate,
  head: CandidateHead | undefined,
): CandidateRow {
  return {
    ...row,
    ...withState(head),
    name: text(candidate.name) ?? row.name,
    first_name: text(candidate.first_name) ?? row.first_name,
    last_name: text(candidate.last_name) ?? row.last_name,
    email: text(candidate.email) ?? row.email,
    anonymous_name: text(candidate.anonymous_name) ?? row.anonymous_name,
    labels: JSON.stringify(labelsAfter(parseList<string>(row.labels), candidate)),
    test_team_member: flag(candidate.test_team_member) ?? row.test_team_member,
    assessment_results_count:
      int(candidate.assessment_results_count) ?? row.assessment_results_count,
    highest_score: num(candidate.highest_score) ?? row.highest_score,
  };
}

/** A result names the person taking it; its name only fills a name not yet known. */
export function withResultPayload(
  row: CandidateRow,
  result: AssessmentResult,
  head: CandidateHead | undefined,
): CandidateRow {
  const person = record(result.candidate);
  const first = text(person?.first_name);
  const last = text(person?.last_name);
  const fullName = [first, last].filter((part) => part).join(' ');
  return {
    ...row,
    ...withState(head),
    name: row.name ?? (fullName || null),
    first_name: first ?? row.first_name,
    last_name: last ?? row.last_name,
    email: text(person?.email) ?? row.email,
    anonymous_name: text(record(result.team_candidate)?.anonymous_name) ?? row.anonymous_name,
  };
}

function withState(head: CandidateHead | undefined) {
  return { state: head?.state ?? null, prev_state: head?.prevState ?? null };
}

/** The payload's label list when it has one, else the known list with its added or removed label. */
function labelsAfter(known: string[], candidate: TeamCandidate): string[] {
  const listed = textList(candidate.labels);
  if (listed) return [...new Set(listed)];
  const added = text(candidate.added_label);
  const removed = text(candidate.removed_label);
  const labels = known.filter((label) => label !== removed);
  return added && !labels.includes(added) ? [...labels, added] : labels;
}

/** Lower-case whole names, their words and the email: what a prefix search matches. */
export function searchTerms(row: CandidateRow): string[] {
  const values = [row.name, row.first_name, row.last_name, row.anonymous_name, row.email];
  const terms = values.flatMap((value) => {
    const whole = value?.trim().toLowerCase();
    return whole ? [whole, ...whole.split(/\s+/)] : [];
  });
  return [...new Set(terms)];
}

export function normaliseSearch(query: string): string {
  return query.trim().toLowerCase();
}
