import { defineTable, type RowOf } from '../../readstore/table.js';
import { resultProgress } from '../shared/result-progress.js';

/** Results as stored; `passed` and `abandoned` are 0 or 1. */
const results = defineTable({
  columns: {
    id: { type: 'text' },
    team_candidate_id: { type: 'text', nullable: true },
    candidate_name: { type: 'text', nullable: true },
    candidate_email: { type: 'text', nullable: true },
    assessment_id: { type: 'text', nullable: true },
    assessment_title: { type: 'text', nullable: true },
    state: { type: 'text', nullable: true },
    score: { type: 'real', nullable: true },
    passed: { type: 'integer', nullable: true },
    accumulated_seconds: { type: 'integer', nullable: true },
    invited_at: { type: 'text', nullable: true },
    started_at: { type: 'text', nullable: true },
    submitted_at: { type: 'text', nullable: true },
    abandoned: { type: 'integer', nullable: true },
    candidate_remarks: { type: 'text', nullable: true },
    /** When the last result payload applied was received. */
    updated_at: { type: 'text' },
  },
  key: ['id'],
  indexes: {
    by_candidate: ['team_candidate_id', 'id'],
    by_assessment: ['assessment_id', 'id'],
    by_state: ['state', 'id'],
    by_passed: ['passed', 'id'],
  },
});

const solutions = defineTable({
  columns: {
    solution_id: { type: 'text' },
    result_id: { type: 'text' },
    challenge_id: { type: 'text', nullable: true },
    challenge_title: { type: 'text', nullable: true },
    solution_type: { type: 'text', nullable: true },
    language: { type: 'text', nullable: true },
    score: { type: 'real', nullable: true },
    passed: { type: 'integer', nullable: true },
    passed_test_cases: { type: 'integer', nullable: true },
    total_test_cases: { type: 'integer', nullable: true },
    attempts: { type: 'integer', nullable: true },
    completed_at: { type: 'text', nullable: true },
    updated_at: { type: 'text' },
  },
  key: ['solution_id'],
  indexes: { by_result: ['result_id', 'solution_id'] },
});

export const ASSESSMENT_RESULT_TABLES = {
  assessment_results: results,
  assessment_result_solutions: solutions,
  assessment_result_progress: resultProgress,
};

export type ResultRow = RowOf<typeof results.columns>;
export type SolutionRow = RowOf<typeof solutions.columns>;
export const RESULT_COLUMNS = results.columnNames;
export const SOLUTION_COLUMNS = solutions.columnNames;
