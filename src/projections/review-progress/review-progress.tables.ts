import { defineTable, type RowOf } from '../../readstore/table.js';

/** Reviews; `solution_reviews` is a JSON list, `destroyed` 0 or 1. */
const reviews = defineTable({
  columns: {
    id: { type: 'text' },
    assessment_result_id: { type: 'text', nullable: true },
    team_candidate_id: { type: 'text', nullable: true },
    reviewer_id: { type: 'text', nullable: true },
    state: { type: 'text', nullable: true },
    rating: { type: 'integer', nullable: true },
    feedback: { type: 'text', nullable: true },
    submitted_at: { type: 'text', nullable: true },
    solution_reviews: { type: 'text' },
    /** Destroyed upstream: kept only so that a late delivery cannot bring it back. */
    destroyed: { type: 'integer' },
    updated_at: { type: 'text' },
  },
  key: ['id'],
  indexes: {
    by_result: ['assessment_result_id', 'id'],
    by_reviewer: ['reviewer_id', 'state', 'id'],
    by_state: ['state', 'id'],
  },
});

/** The reviews of one result summed up; `counts` is a JSON object of reviews by state. */
const progress = defineTable({
  columns: {
    assessment_result_id: { type: 'text' },
    team_candidate_id: { type: 'text', nullable: true },
    reviews: { type: 'integer' },
    counts: { type: 'text' },
    average_rating: { type: 'real', nullable: true },
    complete: { type: 'integer' },
    updated_at: { type: 'text' },
  },
  key: ['assessment_result_id'],
  indexes: { by_complete: ['complete', 'assessment_result_id'] },
});

/**
 * The ids of each result's live (not destroyed) reviews, a JSON list in the order of
 * `reviews.id`, so that the progress of a result is summed up from rows loaded by key.
 */
const reviewIdsByResult = defineTable({
  columns: {
    assessment_result_id: { type: 'text' },
    review_ids: { type: 'text' },
  },
  key: ['assessment_result_id'],
});

export const REVIEW_PROGRESS_TABLES = {
  reviews,
  review_progress: progress,
  review_ids_by_result: reviewIdsByResult,
};

export type ReviewRow = RowOf<typeof reviews.columns>;
export type ProgressRow = RowOf<typeof progress.columns>;
export const REVIEW_COLUMNS = reviews.columnNames;
export const PROGRESS_COLUMNS = progress.columnNames;

type Tables = Readonly<Record<keyof typeof REVIEW_PROGRESS_TABLES, string>>;

/** The reviews of a result that still count. */
export function liveReviewsOfResultSql(t: Tables): string {
  return `SELECT ${REVIEW_COLUMNS.join(', ')} FROM ${t.reviews}
    WHERE assessment_result_id = ? AND destroyed = 0 ORDER BY id`;
}
