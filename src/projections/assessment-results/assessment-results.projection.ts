import { EventType } from '../../events/event-types.js';
import type { AssessmentResult, Solution } from '../../events/payloads.js';
import type { SqlExecutor } from '../../readstore/read-store.port.js';
import type { Projection, TableNames } from '../projection.js';
import { firstDelivery, type Delivery } from '../shared/delivery.js';
import { advanceResultProgress } from '../shared/result-progress.js';
import { valuesOf } from '../shared/sql.js';
import { record, text } from '../shared/values.js';
import { resultRow, solutionRow } from './assessment-result-rows.js';
import {
  ASSESSMENT_RESULT_TABLES,
  assessmentResultSchema,
  RESULT_COLUMNS,
  resultOfSolutionSql,
  SOLUTION_COLUMNS,
  upsertResultSql,
  upsertSolutionSql,
  type AssessmentResultTable,
  type SolutionRow,
} from './assessment-results.tables.js';

type Tables = TableNames<AssessmentResultTable>;

/**
 * Assessment results with their solutions, from result payloads (and the solutions they
 * embed) and from `solution_*` events. Idempotent through the table of applied deliveries;
 * a result payload behind the known state, or a solution with fewer attempts, changes nothing.
 */
export const assessmentResultsProjection: Projection<AssessmentResultTable> = {
  name: 'assessment-results',
  version: 1,
  eventTypes: [
    EventType.AssessmentResultStarted,
    EventType.AssessmentResultSubmitted,
    EventType.AssessmentResultStateChanged,
    EventType.AssessmentResultMerged,
    EventType.SolutionCreated,
    EventType.SolutionUpdated,
  ],
  tables: ASSESSMENT_RESULT_TABLES,
  schema: assessmentResultSchema,

  async apply(recorded, tx, t) {
    const delivery = await firstDelivery(recorded, tx, t.assessment_result_deliveries);
    if (!delivery) return;
    const { event } = delivery;
    switch (event.type) {
      case EventType.AssessmentResultStarted:
      case EventType.AssessmentResultSubmitted:
      case EventType.AssessmentResultStateChanged:
      case EventType.AssessmentResultMerged:
        return applyResult(tx, t, delivery, event.data);
      case EventType.SolutionCreated:
      case EventType.SolutionUpdated:
        return applySolution(tx, t, delivery, event.data);
    }
  },
};

async function applyResult(tx: SqlExecutor, t: Tables, delivery: Delivery, data: AssessmentResult) {
  if (!(await advanceResultProgress(tx, t.assessment_result_progress, data))) return;
  const row = resultRow(data, delivery.receivedAt);
  await tx.execute(upsertResultSql(t), valuesOf(row, RESULT_COLUMNS));
  const solutions = Array.isArray(data.solutions) ? data.solutions : [];
  for (const solution of solutions) {
    const embedded = record(solution);
    if (embedded) await saveSolution(tx, t, solutionRow(embedded, data.id, delivery.receivedAt));
  }
}

async function applySolution(tx: SqlExecutor, t: Tables, delivery: Delivery, data: Solution) {
  const resultId = text(data.assessment_result_id);
  if (!resultId) return;
  await tx.execute(resultOfSolutionSql(t), [
    resultId,
    text(data.team_candidate_id),
    text(data.assessment_id),
    delivery.receivedAt,
  ]);
  await saveSolution(tx, t, solutionRow(data, resultId, delivery.receivedAt));
}

async function saveSolution(tx: SqlExecutor, t: Tables, row: SolutionRow | undefined) {
  if (row) {
    await tx.execute(upsertSolutionSql(t), valuesOf(row, SOLUTION_COLUMNS));
  }
}
