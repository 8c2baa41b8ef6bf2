import type { AssessmentResult, Solution } from '../../events/payloads.js';
import type { Rows } from '../read-model/batch-rows.js';
import { defineReadModel, onResource, type Handler } from '../read-model/read-model.js';
import { keepKnown } from '../shared/keep-known.js';
import { advanceResultProgress } from '../shared/result-progress.js';
import { record, text } from '../shared/values.js';
import { resultRow, solutionRow } from './assessment-result-rows.js';
import { ASSESSMENT_RESULT_TABLES, type SolutionRow } from './assessment-results.tables.js';

type Tables = typeof ASSESSMENT_RESULT_TABLES;

/** A result payload behind the known state changes nothing; fields it leaves out keep their values. */
const result: Handler<Tables, AssessmentResult> = {
  needs: (delivery, data) => [
    ['assessment_result_progress', data.id],
    ['assessment_results', data.id],
    ...embeddedSolutions(data, delivery.receivedAt).map(
      (row) => ['assessment_result_solutions', row.solution_id] as const,
    ),
  ],
  evolve(delivery, data, rows) {
    if (!advanceResultProgress(rows.table('assessment_result_progress'), data)) return;
    const known = rows.get('assessment_results', data.id);
    rows.put('assessment_results', keepKnown(known, resultRow(data, delivery.receivedAt)));
    for (const row of embeddedSolutions(data, delivery.receivedAt)) saveSolution(rows, row);
  },
};

/** A solution; the result it names is recorded when no result payload has told of it yet. */
const solution: Handler<Tables, Solution> = {
  needs(delivery, data) {
    const resultId = text(data.assessment_result_id);
    if (!resultId) return [];
    const row = solutionRow(data, resultId, delivery.receivedAt);
    return [
      ['assessment_results', resultId],
      ...(row ? [['assessment_result_solutions', row.solution_id] as const] : []),
    ];
  },
  evolve(delivery, data, rows) {
    const resultId = text(data.assessment_result_id);
    if (!resultId) return;
    if (!rows.get('assessment_results', resultId)) {
      rows.put('assessment_results', resultOfSolution(resultId, data, delivery.receivedAt));
    }
    const row = solutionRow(data, resultId, delivery.receivedAt);
    if (row) saveSolution(rows, row);
  },
};

function embeddedSolutions(data: AssessmentResult, receivedAt: string): SolutionRow[] {
  const solutions = Array.isArray(data.solutions) ? data.solutions : [];
  return solutions.flatMap((value) => {
    const embedded = record(value);
    const row = embedded && solutionRow(embedded, data.id, receivedAt);
    return row ? [row] : [];
  });
}

/** A solution's attempts only grow: a payload with fewer is older and changes nothing. */
function saveSolution(rows: Rows<Tables>, row: SolutionRow) {
  const known = rows.get('assessment_result_solutions', row.solution_id);
  if (known && (row.attempts ?? 0) < (known.attempts ?? 0)) return;
  rows.put('assessment_result_solutions', keepKnown(known, row));
}

function resultOfSolution(resultId: string, data: Solution, receivedAt: string) {
  return {
    id: resultId,
    team_candidate_id: text(data.team_candidate_id),
    candidate_name: null,
    candidate_email: null,
    assessment_id: text(data.assessment_id),
    assessment_title: null,
    state: null,
    score: null,
    passed: null,
    accumulated_seconds: null,
    invited_at: null,
    started_at: null,
    submitted_at: null,
    abandoned: null,
    candidate_remarks: null,
    updated_at: receivedAt,
  };
}

/**
 * Assessment results with their solutions, from result payloads (and the solutions they
 * embed) and from `solution_*` events. A result payload behind the known state, or a
 * solution with fewer attempts, changes nothing.
 */
export const assessmentResultsProjection = defineReadModel({
  name: 'assessment-results',
  version: 2,
  tables: ASSESSMENT_RESULT_TABLES,
  handlers: {
    ...onResource('AssessmentResult', result),
    ...onResource('Solution', solution),
  },
});
