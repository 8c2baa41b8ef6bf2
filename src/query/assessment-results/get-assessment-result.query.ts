import { Query } from '@nestjs/cqrs';
import type { AssessmentResultView } from '../../projections/assessment-results/assessment-results.reader.js';
import type { ReviewProgressView } from '../../projections/review-progress/review-progress.reader.js';

export interface AssessmentResultDetail extends AssessmentResultView {
  /** Null until a review of the result is created. */
  reviewProgress: ReviewProgressView | null;
}

/** One result with its solutions and its review progress; undefined for an unknown id. */
export class GetAssessmentResultQuery extends Query<AssessmentResultDetail | undefined> {
  constructor(readonly id: string) {
    super();
  }
}
