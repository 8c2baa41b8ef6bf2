import { EventType } from '../../events/event-types.js';
import type {
  AssessmentResult,
  AssessmentResultReview,
  TeamCandidate,
} from '../../events/payloads.js';
import type { Need, Rows } from '../read-model/batch-rows.js';
import { defineReadModel, onResource, type Handler } from '../read-model/read-model.js';
import {
  advanceCandidateState,
  reportFromCandidate,
  reportFromResult,
  type StateReport,
} from '../shared/candidate-state.js';
import type { Delivery } from '../shared/delivery.js';
import { advanceResultProgress } from '../shared/result-progress.js';
import { record, text } from '../shared/values.js';
import { CANDIDATE_TIMELINE_TABLES, type EntryRow } from './candidate-timeline.tables.js';

type Tables = typeof CANDIDATE_TIMELINE_TABLES;
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

function candidateNeeds(id: string | null): Need<Tables>[] {
  if (!id) return [];
  return [
    ['candidate_timeline_states', id],
    ['candidate_timeline_lengths', id],
  ];
}

const stateChange: Handler<Tables, TeamCandidate> = {
  needs: (_, data) => candidateNeeds(data.id),
  evolve: (delivery, data, rows) => applyStateReport(rows, delivery, reportFromCandidate(data)),
};

const labelChange: Handler<Tables, TeamCandidate> = {
  needs: (_, data) => candidateNeeds(data.id),
  evolve(delivery, data, rows) {
    applyStateReport(rows, delivery, reportFromCandidate(data));
    const added = delivery.event.type === EventType.TeamCandidateLabelAdded;
    append(rows, delivery, data.id, {
      ...EMPTY_ENTRY,
      kind: added ? 'label_added' : 'label_removed',
      label: text(added ? data.added_label : data.removed_label),
    });
  },
};

const result: Handler<Tables, AssessmentResult> = {
  needs: (_, data) => [
    ['candidate_timeline_result_progress', data.id],
    ...candidateNeeds(text(record(data.team_candidate)?.id)),
  ],
  evolve(delivery, data, rows) {
    const fresh = advanceResultProgress(rows.table('candidate_timeline_result_progress'), data);
    const report = reportFromResult(data, !fresh);
    if (report) applyStateReport(rows, delivery, report, data.id);
  },
};

const review: Handler<Tables, AssessmentResultReview> = {
  needs: (_, data) => candidateNeeds(text(data.team_candidate_id)),
  evolve(delivery, data, rows) {
    const candidateId = text(data.team_candidate_id);
    if (!candidateId) return;
    append(rows, delivery, candidateId, {
      ...EMPTY_ENTRY,
      kind: 'review',
      result_id: text(data.assessment_result_id),
      review_id: data.id,
      review_state: text(data.state),
    });
  },
};

/**
 * Each candidate's audit trail: state transitions (gaps marked), late deliveries, labels
 * added and removed, and what happened to their reviews.
 */
export const candidateTimelineProjection = defineReadModel({
  name: 'candidate-timeline',
  version: 2,
  tables: CANDIDATE_TIMELINE_TABLES,
  handlers: {
    ...onResource('TeamCandidate', stateChange),
    [EventType.TeamCandidateLabelAdded]: labelChange,
    [EventType.TeamCandidateLabelRemoved]: labelChange,
    ...onResource('AssessmentResult', result),
    ...onResource('AssessmentResultReview', review),
  },
});

function applyStateReport(
  rows: Rows<Tables>,
  delivery: Delivery,
  report: StateReport,
  resultId: string | null = null,
) {
  const { verdict } = advanceCandidateState(rows.table('candidate_timeline_states'), report);
  if (verdict.kind === 'unchanged') return;
  append(rows, delivery, report.candidateId, {
    ...EMPTY_ENTRY,
    kind: verdict.kind,
    from_state: verdict.from,
    to_state: verdict.to,
    expected_state: verdict.kind === 'transition' ? verdict.expected : null,
    result_id: resultId,
  });
}

function append(rows: Rows<Tables>, delivery: Delivery, candidateId: string, entry: Entry) {
  const seq = (rows.get('candidate_timeline_lengths', candidateId)?.entries ?? 0) + 1;
  rows.put('candidate_timeline_lengths', { candidate_id: candidateId, entries: seq });
  rows.append('candidate_timeline', {
    ...entry,
    candidate_id: candidateId,
    seq,
    at: delivery.receivedAt,
    event_id: delivery.id,
    event_type: delivery.event.type,
    event_name: delivery.eventName,
  });
}
