import type { SqlExecutor } from '../../readstore/read-store.port.js';
import { assessmentResultsProjection } from '../assessment-results/assessment-results.projection.js';
import { liveTables } from '../projection.js';
import { Conditions } from '../shared/conditions.js';
import { bool, parseList } from '../shared/values.js';
import type { SolutionReviewView } from './review-progress-rows.js';
import { reviewProgressProjection } from './review-progress.projection.js';
import {
  liveReviewsOfResultSql,
  PROGRESS_COLUMNS,
  REVIEW_COLUMNS,
  type ProgressRow,
  type ReviewRow,
} from './review-progress.tables.js';
import { type Page, pageByKeyDescending, type PageRequest } from '../shared/pagination.js';

export interface ReviewView {
  id: string;
  assessmentResultId: string | null;
  teamCandidateId: string | null;
  reviewerId: string | null;
  state: string | null;
  rating: number | null;
  feedback: string | null;
  submittedAt: string | null;
  solutionReviews: SolutionReviewView[];
  updatedAt: string;
}

export interface ReviewProgressSummary {
  assessmentResultId: string;
  teamCandidateId: string | null;
  reviewCount: number;
  /** Reviews by state. */
  counts: Record<string, number>;
  /** Of submitted reviews with a rating; null when there is none. */
  averageRating: number | null;
  /** Every review is submitted. */
  complete: boolean;
  updatedAt: string;
}

export interface ReviewProgressView extends ReviewProgressSummary {
  reviews: ReviewView[];
}

export interface ReviewQuery extends PageRequest {
  reviewerId?: string;
  state?: string;
  assessmentResultId?: string;
}

const t = liveTables(reviewProgressProjection);
const resultTables = liveTables(assessmentResultsProjection);

/** The progress of a result's reviews; undefined when it has none (left). */
export async function getReviewProgress(
  db: SqlExecutor,
  assessmentResultId: string,
): Promise<ReviewProgressView | undefined> {
  const [row] = await db.query<ProgressRow>(
    `SELECT ${PROGRESS_COLUMNS.join(', ')} FROM ${t.review_progress} WHERE assessment_result_id = ?`,
    [assessmentResultId],
  );
  if (!row) return undefined;
  const reviews = await db.query<ReviewRow>(liveReviewsOfResultSql(t), [assessmentResultId]);
  return { ...toSummary(row), reviews: reviews.map(toReviewView) };
}

/** Review progress by result, the newest result first; `complete` picks finished or open ones. */
export async function listReviewProgress(
  db: SqlExecutor,
  query: PageRequest & { complete?: boolean } = {},
): Promise<Page<ReviewProgressSummary>> {
  const conditions = new Conditions().addIf(
    query.complete === undefined ? undefined : Number(query.complete),
    'complete = ?',
  );
  return pageByKeyDescending<ProgressRow, ReviewProgressSummary>(
    db,
    { columns: PROGRESS_COLUMNS, table: t.review_progress, key: 'assessment_result_id' },
    conditions,
    query,
    toSummary,
  );
}

/**
 * The review progress of one assessment's results, the newest result first. Only the
 * assessment results know a result's assessment, so the page is read joined with them, in
 * one query through their index by assessment.
 */
export async function listReviewProgressOfAssessment(
  db: SqlExecutor,
  assessmentId: string,
  page: PageRequest = {},
): Promise<Page<ReviewProgressSummary>> {
  const progress = t.review_progress;
  const results = resultTables.assessment_results;
  return pageByKeyDescending<ProgressRow, ReviewProgressSummary>(
    db,
    {
      columns: PROGRESS_COLUMNS.map((column) => `${progress}.${column}`),
      table: `${progress} JOIN ${results} ON ${results}.id = ${progress}.assessment_result_id`,
      key: 'assessment_result_id',
    },
    new Conditions().add(`${results}.assessment_id = ?`, assessmentId),
    page,
    toSummary,
  );
}

/** Reviews that were not destroyed, the newest first. */
export async function listReviews(
  db: SqlExecutor,
  query: ReviewQuery = {},
): Promise<Page<ReviewView>> {
  const conditions = new Conditions()
    .addIf(query.reviewerId, 'reviewer_id = ?')
    .addIf(query.state, 'state = ?')
    .addIf(query.assessmentResultId, 'assessment_result_id = ?');
  return pageOfReviews(db, conditions, query);
}

/** A reviewer's reviews not yet submitted, the newest first. */
export async function listPendingReviews(
  db: SqlExecutor,
  reviewerId: string,
  page: PageRequest = {},
): Promise<Page<ReviewView>> {
  const conditions = new Conditions()
    .add('reviewer_id = ?', reviewerId)
    .add("(state IS NULL OR state <> 'submitted')");
  return pageOfReviews(db, conditions, page);
}

async function pageOfReviews(db: SqlExecutor, conditions: Conditions, page: PageRequest) {
  conditions.add('destroyed = 0');
  return pageByKeyDescending<ReviewRow, ReviewView>(
    db,
    { columns: REVIEW_COLUMNS, table: t.reviews, key: 'id' },
    conditions,
    page,
    toReviewView,
  );
}

function toSummary(row: ProgressRow): ReviewProgressSummary {
  return {
    assessmentResultId: row.assessment_result_id,
    teamCandidateId: row.team_candidate_id,
    reviewCount: row.reviews,
    counts: JSON.parse(row.counts) as Record<string, number>,
    averageRating: row.average_rating,
    complete: bool(row.complete) ?? false,
    updatedAt: row.updated_at,
  };
}

function toReviewView(row: ReviewRow): ReviewView {
  return {
    id: row.id,
    assessmentResultId: row.assessment_result_id,
    teamCandidateId: row.team_candidate_id,
    reviewerId: row.reviewer_id,
    state: row.state,
    rating: row.rating,
    feedback: row.feedback,
    submittedAt: row.submitted_at,
    solutionReviews: parseList<SolutionReviewView>(row.solution_reviews),
    updatedAt: row.updated_at,
  };
}
