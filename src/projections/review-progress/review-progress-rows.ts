import type { AssessmentResultReview } from '../../events/payloads.js';
import { int, json, record, text, timestamp } from '../shared/values.js';
import type { ProgressRow, ReviewRow } from './review-progress.tables.js';

export interface SolutionReviewView {
  solutionId: string | null;
  challengeId: string | null;
  rating: number | null;
  feedback: string | null;
}

export function reviewRow(
  review: AssessmentResultReview,
  receivedAt: string,
  destroyed: boolean,
): ReviewRow {
  const solutionReviews = Array.isArray(review.solution_reviews) ? review.solution_reviews : [];
  return {
    id: review.id,
    assessment_result_id: text(review.assessment_result_id),
    team_candidate_id: text(review.team_candidate_id),
    reviewer_id: text(review.reviewed_by_id),
    state: text(review.state),
    rating: int(review.rating),
    feedback: text(review.feedback),
    submitted_at: timestamp(review.submitted_at),
    solution_reviews: json(solutionReviews.map(solutionReview)) ?? '[]',
    destroyed: destroyed ? 1 : 0,
    updated_at: receivedAt,
  };
}

function solutionReview(value: unknown): SolutionReviewView {
  const review = record(value);
  return {
    solutionId: text(review?.solution_id),
    challengeId: text(review?.challenge_id),
    rating: int(review?.rating),
    feedback: text(review?.feedback),
  };
}

/** The progress of a result's reviews, or undefined when none is left. */
export function progressRow(
  resultId: string,
  reviews: readonly ReviewRow[],
  updatedAt: string,
): ProgressRow | undefined {
  if (reviews.length === 0) return undefined;
  // A Map: a state named `constructor` or `__proto__` is counted like any other.
  const counts = new Map<string, number>();
  for (const review of reviews) {
    const state = review.state ?? 'unknown';
    counts.set(state, (counts.get(state) ?? 0) + 1);
  }
  const ratings = reviews
    .filter((review) => review.state === 'submitted' && review.rating !== null)
    .map((review) => review.rating as number);
  return {
    assessment_result_id: resultId,
    team_candidate_id:
      reviews.find((review) => review.team_candidate_id)?.team_candidate_id ?? null,
    reviews: reviews.length,
    counts: JSON.stringify(Object.fromEntries(counts)),
    average_rating:
      ratings.length === 0 ? null : ratings.reduce((a, b) => a + b, 0) / ratings.length,
    complete: reviews.every((review) => review.state === 'submitted') ? 1 : 0,
    updated_at: updatedAt,
  };
}
