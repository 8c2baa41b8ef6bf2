import type { TableNames } from '../projection.js';
import { appliedDeliveriesSchema } from '../shared/delivery.js';
import { upsertSql } from '../shared/sql.js';

export const REVIEW_PROGRESS_TABLES = [
  'reviews',
  'review_progress',
  'review_progress_deliveries',
] as const;

export type ReviewProgressTable = (typeof REVIEW_PROGRESS_TABLES)[number];
type Tables = TableNames<ReviewProgressTable>;

/** One review; `solution_reviews` is a JSON list, `destroyed` 0 or 1. */
export interface ReviewRow {
  id: string;
  assessment_result_id: string | null;
  team_candidate_id: string | null;
  reviewer_id: string | null;
  state: string | null;
  rating: number | null;
  feedback: string | null;
  submitted_at: string | null;
  solution_reviews: string;
  /** Destroyed upstream: kept only so that a late delivery cannot bring it back. */
  destroyed: number;
  updated_at: string;
}

/** The reviews of one result summed up; `counts` is a JSON object of reviews by state. */
export interface ProgressRow {
  assessment_result_id: string;
  team_candidate_id: string | null;
  reviews: number;
  counts: string;
  average_rating: number | null;
  complete: number;
  updated_at: string;
}

export const REVIEW_COLUMNS = [
  'id',
  'assessment_result_id',
  'team_candidate_id',
  'reviewer_id',
  'state',
  'rating',
  'feedback',
  'submitted_at',
  'solution_reviews',
  'destroyed',
  'updated_at',
] as const satisfies readonly (keyof ReviewRow)[];

export const PROGRESS_COLUMNS = [
  'assessment_result_id',
  'team_candidate_id',
  'reviews',
  'counts',
  'average_rating',
  'complete',
  'updated_at',
] as const satisfies readonly (keyof ProgressRow)[];

export function reviewProgressSchema(t: Tables): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${t.reviews} (
      id TEXT PRIMARY KEY,
      assessment_result_id TEXT,
      team_candidate_id TEXT,
      reviewer_id TEXT,
      state TEXT,
      rating INTEGER,
      feedback TEXT,
      submitted_at TEXT,
      solution_reviews TEXT NOT NULL,
      destroyed INTEGER NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX IF NOT EXISTS ${t.reviews}_by_result ON ${t.reviews} (assessment_result_id, id)`,
    `CREATE INDEX IF NOT EXISTS ${t.reviews}_by_reviewer ON ${t.reviews} (reviewer_id, state, id)`,
    `CREATE INDEX IF NOT EXISTS ${t.reviews}_by_state ON ${t.reviews} (state, id)`,
    `CREATE TABLE IF NOT EXISTS ${t.review_progress} (
      assessment_result_id TEXT PRIMARY KEY,
      team_candidate_id TEXT,
      reviews INTEGER NOT NULL,
      counts TEXT NOT NULL,
      average_rating REAL,
      complete INTEGER NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX IF NOT EXISTS ${t.review_progress}_by_complete
      ON ${t.review_progress} (complete, assessment_result_id)`,
    ...appliedDeliveriesSchema(t.review_progress_deliveries),
  ];
}

export function selectReviewSql(t: Tables): string {
  return `SELECT ${REVIEW_COLUMNS.join(', ')} FROM ${t.reviews} WHERE id = ?`;
}

/** A payload field that is missing or null keeps the known value. */
export function upsertReviewSql(t: Tables): string {
  return upsertSql(t.reviews, REVIEW_COLUMNS, 'id', { keepKnown: true });
}

/** The reviews of a result that still count. */
export function liveReviewsOfResultSql(t: Tables): string {
  return `SELECT ${REVIEW_COLUMNS.join(', ')} FROM ${t.reviews}
    WHERE assessment_result_id = ? AND destroyed = 0 ORDER BY id`;
}

export function upsertProgressSql(t: Tables): string {
  return upsertSql(t.review_progress, PROGRESS_COLUMNS, 'assessment_result_id');
}

export function deleteProgressSql(t: Tables): string {
  return `DELETE FROM ${t.review_progress} WHERE assessment_result_id = ?`;
}
