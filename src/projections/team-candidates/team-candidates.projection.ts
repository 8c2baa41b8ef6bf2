import type {
  AssessmentResult,
  AssessmentResultReview,
  Solution,
  TeamCandidate,
} from '../../events/payloads.js';
import type { KnownRows, Need, Rows } from '../read-model/batch-rows.js';
import { defineReadModel, onResource, type Handler } from '../read-model/read-model.js';
import {
  advanceCandidateState,
  reportFromCandidate,
  reportFromResult,
} from '../shared/candidate-state.js';
import { keepKnown } from '../shared/keep-known.js';
import { advanceResultProgress } from '../shared/result-progress.js';
import { num, parseList, record, text } from '../shared/values.js';
import {
  searchTerms,
  touchedRow,
  withCandidatePayload,
  withResultPayload,
} from './team-candidate-row.js';
import { TEAM_CANDIDATE_TABLES, type CandidateRow } from './team-candidates.tables.js';

type Tables = typeof TEAM_CANDIDATE_TABLES;

/** A candidate's rows: the candidate, its state, and its results (once their list is known). */
function candidateNeeds(id: string, known: KnownRows<Tables>): Need<Tables>[] {
  const results = parseList<string>(
    known.get('team_candidate_result_lists', id)?.result_ids ?? null,
  );
  return [
    ['team_candidates', id],
    ['team_candidate_states', id],
    ['team_candidate_result_lists', id],
    ...results.map((resultId) => ['team_candidate_results', resultId] as const),
  ];
}

const candidate: Handler<Tables, TeamCandidate> = {
  needs: (_, data, known) => candidateNeeds(data.id, known),
  evolve(delivery, data, rows) {
    const states = rows.table('team_candidate_states');
    const { verdict, head } = advanceCandidateState(states, reportFromCandidate(data));
    if (verdict.kind === 'late') return;
    const before = rows.get('team_candidates', data.id);
    const row = touchedRow(before, data.id, delivery.receivedAt);
    save(rows, before, withCandidatePayload(row, data, head));
  },
};

const result: Handler<Tables, AssessmentResult> = {
  needs(_, data, known) {
    const candidateId = text(record(data.team_candidate)?.id);
    return [
      ['team_candidate_result_progress', data.id],
      ['team_candidate_results', data.id],
      ...(candidateId ? candidateNeeds(candidateId, known) : []),
    ];
  },
  evolve(delivery, data, rows) {
    const fresh = advanceResultProgress(rows.table('team_candidate_result_progress'), data);
    const report = reportFromResult(data, !fresh);
    if (!report) return;
    const assessmentId = text(record(data.assessment)?.id);
    linkResult(rows, data.id, report.candidateId, assessmentId, fresh ? num(data.score) : null);
    const states = rows.table('team_candidate_states');
    const { verdict, head } = advanceCandidateState(states, report);
    if (!fresh || verdict.kind === 'late') return;
    const before = rows.get('team_candidates', report.candidateId);
    const row = touchedRow(before, report.candidateId, delivery.receivedAt);
    save(rows, before, withResultPayload(row, data, head));
  },
};

const solution: Handler<Tables, Solution> = {
  needs(_, data, known) {
    const candidateId = text(data.team_candidate_id);
    const resultId = text(data.assessment_result_id);
    if (!candidateId) return [];
    const link = resultId ? [['team_candidate_results', resultId] as const] : [];
    return [...link, ...candidateNeeds(candidateId, known)];
  },
  evolve(delivery, data, rows) {
    const candidateId = text(data.team_candidate_id);
    const resultId = text(data.assessment_result_id);
    if (!candidateId) return;
    if (resultId) linkResult(rows, resultId, candidateId, text(data.assessment_id), null);
    touchKnown(rows, candidateId, delivery.receivedAt);
  },
};

const review: Handler<Tables, AssessmentResultReview> = {
  needs(_, data, known) {
    const candidateId = text(data.team_candidate_id);
    return candidateId ? candidateNeeds(candidateId, known) : [];
  },
  evolve(delivery, data, rows) {
    const candidateId = text(data.team_candidate_id);
    if (candidateId) touchKnown(rows, candidateId, delivery.receivedAt);
  },
};

/**
 * Team candidates: who they are, their state and labels, their results and activity. A late
 * delivery (an older result state, or the transition into a state the candidate has since
 * left) changes nothing.
 */
export const teamCandidatesProjection = defineReadModel({
  name: 'team-candidates',
  version: 2,
  tables: TEAM_CANDIDATE_TABLES,
  handlers: {
    ...onResource('TeamCandidate', candidate),
    ...onResource('AssessmentResult', result),
    ...onResource('Solution', solution),
    ...onResource('AssessmentResultReview', review),
  },
});

/** Solutions and reviews count as activity of a candidate, but do not make one up. */
function touchKnown(rows: Rows<Tables>, candidateId: string, at: string) {
  const before = rows.get('team_candidates', candidateId);
  if (before) save(rows, before, touchedRow(before, candidateId, at));
}

/** Links a result to its first candidate; a score, once known, is only replaced by another. */
function linkResult(
  rows: Rows<Tables>,
  resultId: string,
  candidateId: string,
  assessmentId: string | null,
  score: number | null,
) {
  const known = rows.get('team_candidate_results', resultId);
  const link = { result_id: resultId, candidate_id: known?.candidate_id ?? candidateId };
  rows.put(
    'team_candidate_results',
    keepKnown(known, { ...link, assessment_id: assessmentId, score }),
  );
  if (known) return;
  const list = rows.get('team_candidate_result_lists', candidateId);
  rows.put('team_candidate_result_lists', {
    candidate_id: candidateId,
    result_ids: JSON.stringify([...parseList<string>(list?.result_ids ?? null), resultId]),
  });
}

/** Writes the row, raising its result count and best score to what the ledger has seen. */
function save(rows: Rows<Tables>, before: CandidateRow | undefined, row: CandidateRow) {
  const linked = parseList<string>(
    rows.get('team_candidate_result_lists', row.id)?.result_ids ?? null,
  );
  const scores = linked.flatMap((id) => rows.get('team_candidate_results', id)?.score ?? []);
  const after: CandidateRow = {
    ...row,
    assessment_results_count: maxOf(row.assessment_results_count, linked.length),
    highest_score: maxOf(row.highest_score, scores.length > 0 ? Math.max(...scores) : null),
  };
  rows.put('team_candidates', after);
  if (after.labels !== before?.labels) {
    const labels = [...new Set(parseList<string>(after.labels))];
    rows.replace(
      'team_candidate_labels',
      after.id,
      labels.map((label) => ({ candidate_id: after.id, label })),
    );
  }
  const terms = searchTerms(after);
  if (!before || terms.join('\n') !== searchTerms(before).join('\n')) {
    rows.replace(
      'team_candidate_search_terms',
      after.id,
      terms.map((term) => ({ candidate_id: after.id, term })),
    );
  }
}

function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.max(a, b);
}
