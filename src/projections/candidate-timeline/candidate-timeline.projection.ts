import { EventType } from '../../events/event-types.js';
import type {
  AssessmentResult,
  AssessmentResultReview,
  TeamCandidate,
} from '../../events/payloads.js';
import type { SqlExecutor } from '../../readstore/read-store.port.js';
import type { Projection, TableNames } from '../projection.js';
import {
  advanceCandidateState,
  reportFromCandidate,
  reportFromResult,
  type StateReport,
} from '../shared/candidate-state.js';
import { firstDelivery, type Delivery } from '../shared/delivery.js';
import { advanceResultProgress } from '../shared/result-progress.js';
import { text } from '../shared/values.js';
import {
  appendEntrySql,
  CANDIDATE_TIMELINE_TABLES,
  candidateTimelineSchema,
  ENTRY_COLUMNS,
  type CandidateTimelineTable,
  type EntryRow,
} from './candidate-timeline.tables.js';

type Tables = TableNames<CandidateTimelineTable>;
type Entry = Omit<
  EntryRow,
  'seq' | 'candidate_id' | 'at' | 'event_id' | 'event_type' | 'event_name'
>;

const EMPTY_ENTRY = {
  from_state: null,
  to_state: null,
  expected_state: null,
  label: null,
  result_id: null,
  review_id: null,
  review_state: null,
} as const;

/**
 * Each candidate's audit trail: state transitions (gaps marked), late deliveries, labels
 * added and removed, and what happened to their reviews. Idempotent through the table of
 * applied deliveries: a repeated delivery adds no entry.
 */
export const candidateTimelineProjection: Projection<CandidateTimelineTable> = {
  name: 'candidate-timeline',
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
    EventType.AssessmentResultReviewCreated,
    EventType.AssessmentResultReviewUpdated,
    EventType.AssessmentResultReviewSubmitted,
    EventType.AssessmentResultReviewDestroyed,
  ],
  tables: CANDIDATE_TIMELINE_TABLES,
  schema: candidateTimelineSchema,

  async apply(recorded, tx, t) {
    const delivery = await firstDelivery(recorded, tx, t.candidate_timeline_deliveries);
    if (!delivery) return;
    const { event } = delivery;
    switch (event.type) {
      case EventType.TeamCandidateStateChanged:
      case EventType.TeamCandidateMerged:
        return applyStateReport(tx, t, delivery, reportFromCandidate(event.data));
      case EventType.TeamCandidateLabelAdded:
      case EventType.TeamCandidateLabelRemoved:
        return applyLabelChange(tx, t, delivery, event.data);
      case EventType.AssessmentResultStarted:
      case EventType.AssessmentResultSubmitted:
      case EventType.AssessmentResultStateChanged:
      case EventType.AssessmentResultMerged:
        return applyResult(tx, t, delivery, event.data);
      case EventType.AssessmentResultReviewCreated:
      case EventType.AssessmentResultReviewUpdated:
      case EventType.AssessmentResultReviewSubmitted:
      case EventType.AssessmentResultReviewDestroyed:
        return applyReview(tx, t, delivery, event.data);
    }
  },
};

async function applyStateReport(
  tx: SqlExecutor,
  t: Tables,
  delivery: Delivery,
  report: StateReport,
  resultId: string | null = null,
) {
  const { verdict } = await advanceCandidateState(tx, t.candidate_timeline_states, report);
  if (verdict.kind === 'unchanged') return;
  await append(tx, t, delivery, report.candidateId, {
    ...EMPTY_ENTRY,
    kind: verdict.kind,
    from_state: verdict.from,
    to_state: verdict.to,
    expected_state: verdict.kind === 'transition' ? verdict.expected : null,
    result_id: resultId,
  });
}

async function applyLabelChange(
  tx: SqlExecutor,
  t: Tables,
  delivery: Delivery,
  data: TeamCandidate,
) {
  await applyStateReport(tx, t, delivery, reportFromCandidate(data));
  const added = delivery.event.type === EventType.TeamCandidateLabelAdded;
  await append(tx, t, delivery, data.id, {
    ...EMPTY_ENTRY,
    kind: added ? 'label_added' : 'label_removed',
    label: text(added ? data.added_label : data.removed_label),
  });
}

async function applyResult(tx: SqlExecutor, t: Tables, delivery: Delivery, data: AssessmentResult) {
  const fresh = await advanceResultProgress(tx, t.candidate_timeline_result_progress, data);
  const report = reportFromResult(data, !fresh);
  if (report) await applyStateReport(tx, t, delivery, report, data.id);
}

async function applyReview(
  tx: SqlExecutor,
  t: Tables,
  delivery: Delivery,
  data: AssessmentResultReview,
) {
  const candidateId = text(data.team_candidate_id);
  if (!candidateId) return;
  await append(tx, t, delivery, candidateId, {
    ...EMPTY_ENTRY,
    kind: 'review',
    result_id: text(data.assessment_result_id),
    review_id: data.id,
    review_state: text(data.state),
  });
}

async function append(
  tx: SqlExecutor,
  t: Tables,
  delivery: Delivery,
  candidateId: string,
  entry: Entry,
) {
  const row: Omit<EntryRow, 'seq'> = {
    ...entry,
    candidate_id: candidateId,
    at: delivery.receivedAt,
    event_id: delivery.id,
    event_type: delivery.event.type,
    event_name: delivery.eventName,
  };
  // The seq column's value is a subquery on the candidate's entries.
  const params = ENTRY_COLUMNS.map((column) => (column === 'seq' ? candidateId : row[column]));
  await tx.execute(appendEntrySql(t), params);
}
