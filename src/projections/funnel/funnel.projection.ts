import { EventType } from '../../events/event-types.js';
import type { AssessmentResult } from '../../events/payloads.js';
import type { SqlExecutor } from '../../readstore/read-store.port.js';
import type { Projection, TableNames } from '../projection.js';
import {
  advanceCandidateState,
  reportFromCandidate,
  reportFromResult,
} from '../shared/candidate-state.js';
import { firstDelivery } from '../shared/delivery.js';
import { advanceResultProgress } from '../shared/result-progress.js';
import { valuesOf } from '../shared/sql.js';
import { flag, record, text, timestamp } from '../shared/values.js';
import {
  FUNNEL_RESULT_COLUMNS,
  FUNNEL_TABLES,
  funnelSchema,
  upsertAssessmentSql,
  upsertFunnelResultSql,
  type FunnelResultRow,
  type FunnelTable,
} from './funnel.tables.js';

type Tables = TableNames<FunnelTable>;

const STARTED_STATES = new Set(['started', 'submitting', 'submitted']);

/**
 * Funnel statistics: candidates by current state, results started and submitted, passes
 * and times to submit, per assessment and overall (summed when read). Idempotent through
 * the table of applied deliveries; late result payloads change nothing.
 */
export const funnelProjection: Projection<FunnelTable> = {
  name: 'funnel',
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
  ],
  tables: FUNNEL_TABLES,
  schema: funnelSchema,

  async apply(recorded, tx, t) {
    const delivery = await firstDelivery(recorded, tx, t.funnel_deliveries);
    if (!delivery) return;
    const { event } = delivery;
    switch (event.type) {
      case EventType.TeamCandidateStateChanged:
      case EventType.TeamCandidateLabelAdded:
      case EventType.TeamCandidateLabelRemoved:
      case EventType.TeamCandidateMerged:
        await advanceCandidateState(tx, t.funnel_candidate_states, reportFromCandidate(event.data));
        return;
      case EventType.AssessmentResultStarted:
      case EventType.AssessmentResultSubmitted:
      case EventType.AssessmentResultStateChanged:
      case EventType.AssessmentResultMerged:
        return applyResult(tx, t, event.data);
    }
  },
};

async function applyResult(tx: SqlExecutor, t: Tables, data: AssessmentResult) {
  const fresh = await advanceResultProgress(tx, t.funnel_result_progress, data);
  const report = reportFromResult(data, !fresh);
  if (report) await advanceCandidateState(tx, t.funnel_candidate_states, report);
  if (!fresh) return;
  const row = funnelResultRow(data);
  await tx.execute(upsertFunnelResultSql(t), valuesOf(row, FUNNEL_RESULT_COLUMNS));
  const assessment = record(data.assessment);
  if (row.assessment_id) {
    await tx.execute(upsertAssessmentSql(t), [row.assessment_id, text(assessment?.title)]);
  }
}

function funnelResultRow(result: AssessmentResult): FunnelResultRow {
  const state = text(result.state);
  const startedAt = timestamp(result.started_at);
  const submitted = state === 'submitted';
  return {
    result_id: result.id,
    assessment_id: text(record(result.assessment)?.id),
    candidate_id: text(record(result.team_candidate)?.id),
    started: startedAt !== null || (state !== null && STARTED_STATES.has(state)) ? 1 : 0,
    submitted: submitted ? 1 : 0,
    passed: flag(result.passing_score),
    seconds_to_submit: submitted ? secondsBetween(startedAt, timestamp(result.submitted_at)) : null,
  };
}

function secondsBetween(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  const seconds = (Date.parse(to) - Date.parse(from)) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}
