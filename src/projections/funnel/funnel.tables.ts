import { defineTable, type RowOf } from '../../readstore/table.js';
import { candidateStates } from '../shared/candidate-state.js';
import { resultProgress } from '../shared/result-progress.js';

/** What the funnel needs of one result; flags are 0 or 1. */
const results = defineTable({
  columns: {
    result_id: { type: 'text' },
    assessment_id: { type: 'text', nullable: true },
    candidate_id: { type: 'text', nullable: true },
    started: { type: 'integer' },
    submitted: { type: 'integer' },
    /** As the payload says; it counts only for a submitted result. */
    passed: { type: 'integer', nullable: true },
    /** From started_at to submitted_at, of a submitted result with both. */
    seconds_to_submit: { type: 'real', nullable: true },
  },
  key: ['result_id'],
  indexes: {
    by_assessment: ['assessment_id', 'candidate_id'],
    by_assessment_time: ['assessment_id', 'seconds_to_submit'],
    by_time: ['seconds_to_submit'],
  },
});

const assessments = defineTable({
  columns: {
    assessment_id: { type: 'text' },
    title: { type: 'text', nullable: true },
  },
  key: ['assessment_id'],
});

export const FUNNEL_TABLES = {
  funnel_results: results,
  funnel_assessments: assessments,
  funnel_candidate_states: candidateStates,
  funnel_result_progress: resultProgress,
};

export type FunnelResultRow = RowOf<typeof results.columns>;
