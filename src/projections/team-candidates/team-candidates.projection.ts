import { EventType } from '../../events/event-types.js';
import type {
  AssessmentResult,
  AssessmentResultReview,
  Solution,
  TeamCandidate,
} from '../../events/payloads.js';
import type { SqlExecutor } from '../../readstore/read-store.port.js';
import type { Projection, TableNames } from '../projection.js';
import {
  advanceCandidateState,
  reportFromCandidate,
  reportFromResult,
} from '../shared/candidate-state.js';
import { firstDelivery, type Delivery } from '../shared/delivery.js';
import { advanceResultProgress } from '../shared/result-progress.js';
import { valuesOf } from '../shared/sql.js';
import { num, parseList, record, text } from '../shared/values.js';
import {
  searchTerms,
  touchedRow,
  withCandidatePayload,
  withResultPayload,
} from './team-candidate-row.js';
import {
  CANDIDATE_COLUMNS,
  linkResultSql,
  replaceLabelsSql,
  replaceSearchTermsSql,
  resultStatsSql,
  selectCandidateSql,
  TEAM_CANDIDATE_TABLES,
  teamCandidateSchema,
  upsertCandidateSql,
  type CandidateRow,
  type TeamCandidateTable,
} from './team-candidates.tables.js';

type Tables = TableNames<TeamCandidateTable>;

/**
 * Team candidates: who they are, their state and labels, their results and activity.
 * Idempotent through the table of applied deliveries; a late delivery (an older result
 * state, or the transition into a state the candidate has since left) changes nothing.
 */
export const teamCandidatesProjection: Projection<TeamCandidateTable> = {
  name: 'team-candidates',
  version: 1,
  eventTypes: [
    EventType.TeamCandidateStateChanged,
    EventType.TeamCandidateLabelAdded,
    EventType.TeamCandidateLabelRemoved,
    EventType.TeamCandidateMerged,
    EventType.AssessmentResultStarted,
    EventType.AssessmentResultSubmitted,
    EventType.AssessmentResultStateChanged,
    EventType.AssessmentResultMerged,
    EventType.SolutionCreated,
    EventType.SolutionUpdated,
    EventType.AssessmentResultReviewCreated,
    EventType.AssessmentResultReviewUpdated,
    EventType.AssessmentResultReviewSubmitted,
    EventType.AssessmentResultReviewDestroyed,
  ],
  tables: TEAM_CANDIDATE_TABLES,
  schema: teamCandidateSchema,

  async apply(recorded, tx, t) {
    const delivery = await firstDelivery(recorded, tx, t.team_candidate_deliveries);
    if (!delivery) return;
    const { event } = delivery;
    switch (event.type) {
      case EventType.TeamCandidateStateChanged:
      case EventType.TeamCandidateLabelAdded:
      case EventType.TeamCandidateLabelRemoved:
      case EventType.TeamCandidateMerged:
        return applyCandidate(tx, t, delivery, event.data);
      case EventType.AssessmentResultStarted:
      case EventType.AssessmentResultSubmitted:
      case EventType.AssessmentResultStateChanged:
      case EventType.AssessmentResultMerged:
        return applyResult(tx, t, delivery, event.data);
      case EventType.SolutionCreated:
      case EventType.SolutionUpdated:
        return applySolution(tx, t, delivery, event.data);
      case EventType.AssessmentResultReviewCreated:
      case EventType.AssessmentResultReviewUpdated:
      case EventType.AssessmentResultReviewSubmitted:
      case EventType.AssessmentResultReviewDestroyed:
        return applyReview(tx, t, delivery, event.data);
    }
  },
};

async function applyCandidate(tx: SqlExecutor, t: Tables, delivery: Delivery, data: TeamCandidate) {
  const { verdict, head } = await advanceCandidateState(
    tx,
    t.team_candidate_states,
    reportFromCandidate(data),
  );
  if (verdict.kind === 'late') return;
  const before = await load(tx, t, data.id);
  const row = touchedRow(before, data.id, delivery.receivedAt);
  await save(tx, t, before, withCandidatePayload(row, data, head));
}

async function applyResult(tx: SqlExecutor, t: Tables, delivery: Delivery, data: AssessmentResult) {
  const fresh = await advanceResultProgress(tx, t.team_candidate_result_progress, data);
  const report = reportFromResult(data, !fresh);
  if (!report) return;
  const assessmentId = text(record(data.assessment)?.id);
  await tx.execute(linkResultSql(t), [
    data.id,
    report.candidateId,
    assessmentId,
    fresh ? num(data.score) : null,
  ]);
  const { verdict, head } = await advanceCandidateState(tx, t.team_candidate_states, report);
  if (!fresh || verdict.kind === 'late') return;
  const before = await load(tx, t, report.candidateId);
  const row = touchedRow(before, report.candidateId, delivery.receivedAt);
  await save(tx, t, before, withResultPayload(row, data, head));
}

async function applySolution(tx: SqlExecutor, t: Tables, delivery: Delivery, data: Solution) {
  const candidateId = text(data.team_candidate_id);
  const resultId = text(data.assessment_result_id);
  if (!candidateId) return;
  if (resultId) {
    await tx.execute(linkResultSql(t), [resultId, candidateId, text(data.assessment_id), null]);
  }
  await touchKnown(tx, t, candidateId, delivery.receivedAt);
}

async function applyReview(
  tx: SqlExecutor,
  t: Tables,
  delivery: Delivery,
  data: AssessmentResultReview,
) {
  const candidateId = text(data.team_candidate_id);
  if (candidateId) await touchKnown(tx, t, candidateId, delivery.receivedAt);
}

/** Solutions and reviews count as activity of a candidate, but do not make one up. */
async function touchKnown(tx: SqlExecutor, t: Tables, candidateId: string, at: string) {
  const before = await load(tx, t, candidateId);
  if (before) await save(tx, t, before, touchedRow(before, candidateId, at));
}

async function load(tx: SqlExecutor, t: Tables, id: string): Promise<CandidateRow | undefined> {
  const [row] = await tx.query<CandidateRow>(selectCandidateSql(t), [id]);
  return row;
}

/** Writes the row, raising its result count and best score to what the ledger has seen. */
async function save(
  tx: SqlExecutor,
  t: Tables,
  before: CandidateRow | undefined,
  row: CandidateRow,
) {
  const [stats] = await tx.query<{ results: number; top_score: number | null }>(resultStatsSql(t), [
    row.id,
  ]);
  const after: CandidateRow = {
    ...row,
    assessment_results_count: maxOf(row.assessment_results_count, Number(stats.results)),
    highest_score: maxOf(row.highest_score, stats.top_score),
  };
  await tx.execute(upsertCandidateSql(t), valuesOf(after, CANDIDATE_COLUMNS));
  if (after.labels !== before?.labels) await replaceLabels(tx, t, after);
  const terms = searchTerms(after);
  if (!before || terms.join('\n') !== searchTerms(before).join('\n')) {
    await replaceSearchTerms(tx, t, after.id, terms);
  }
}

async function replaceLabels(tx: SqlExecutor, t: Tables, row: CandidateRow) {
  const sql = replaceLabelsSql(t);
  await tx.execute(sql.remove, [row.id]);
  for (const label of parseList<string>(row.labels)) await tx.execute(sql.insert, [row.id, label]);
}

async function replaceSearchTerms(tx: SqlExecutor, t: Tables, id: string, terms: string[]) {
  const sql = replaceSearchTermsSql(t);
  await tx.execute(sql.remove, [id]);
  for (const term of terms) await tx.execute(sql.insert, [id, term]);
}

function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.max(a, b);
}
