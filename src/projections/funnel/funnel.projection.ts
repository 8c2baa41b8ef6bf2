import type { AssessmentResult, TeamCandidate } from '../../events/payloads.js';
import { defineReadModel, onResource, type Handler } from '../read-model/read-model.js';
import {
  advanceCandidateState,
  reportFromCandidate,
  reportFromResult,
} from '../shared/candidate-state.js';
import { keepKnown } from '../shared/keep-known.js';
import { advanceResultProgress } from '../shared/result-progress.js';
import { flag, record, text, timestamp } from '../shared/values.js';
import { FUNNEL_TABLES, type FunnelResultRow } from './funnel.tables.js';

type Tables = typeof FUNNEL_TABLES;

const STARTED_STATES = new Set(['started', 'submitting', 'submitted']);

const candidate: Handler<Tables, TeamCandidate> = {
  needs: (_, data) => [['funnel_candidate_states', data.id]],
  evolve(_, data, rows) {
    advanceCandidateState(rows.table('funnel_candidate_states'), reportFromCandidate(data));
  },
};

/** A late result payload only tells of its candidate's state; ids it leaves out keep their values. */
const result: Handler<Tables, AssessmentResult> = {
  needs(_, data) {
    const candidateId = reportFromResult(data, false)?.candidateId;
    const assessmentId = text(record(data.assessment)?.id);
    return [
      ['funnel_result_progress', data.id],
      ['funnel_results', data.id],
      ...(candidateId ? [['funnel_candidate_states', candidateId] as const] : []),
      ...(assessmentId ? [['funnel_assessments', assessmentId] as const] : []),
    ];
  },
  evolve(_, data, rows) {
    const fresh = advanceResultProgress(rows.table('funnel_result_progress'), data);
    const report = reportFromResult(data, !fresh);
    if (report) advanceCandidateState(rows.table('funnel_candidate_states'), report);
    if (!fresh) return;
    const row = funnelResultRow(data);
    rows.put('funnel_results', keepKnown(rows.get('funnel_results', data.id), row));
    if (row.assessment_id) {
      const assessment = {
        assessment_id: row.assessment_id,
        title: text(record(data.assessment)?.title),
      };
      rows.put(
        'funnel_assessments',
        keepKnown(rows.get('funnel_assessments', row.assessment_id), assessment),
      );
    }
  },
};

/**
 * Funnel statistics: candidates by current state, results started and submitted, passes
 * and times to submit, per assessment and overall (summed when read). Late result payloads
 * change nothing.
 */
export const funnelProjection = defineReadModel({
  name: 'funnel',
  version: 2,
  tables: FUNNEL_TABLES,
  handlers: {
    ...onResource('TeamCandidate', candidate),
    ...onResource('AssessmentResult', result),
  },
});

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
