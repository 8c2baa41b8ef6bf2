import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { getAssessmentResult } from '../../projections/assessment-results/assessment-results.reader.js';
import { getReviewProgress } from '../../projections/review-progress/review-progress.reader.js';
import { READ_STORE, type ReadStore } from '../../readstore/read-store.port.js';
import {
  GetAssessmentResultQuery,
  type AssessmentResultDetail,
} from './get-assessment-result.query.js';

@QueryHandler(GetAssessmentResultQuery)
export class GetAssessmentResultHandler implements IQueryHandler<GetAssessmentResultQuery> {
  constructor(@Inject(READ_STORE) private readonly db: ReadStore) {}

  async execute({ id }: GetAssessmentResultQuery): Promise<AssessmentResultDetail | undefined> {
    const [result, reviewProgress] = await Promise.all([
      getAssessmentResult(this.db, id),
      getReviewProgress(this.db, id),
    ]);
    return result && { ...result, reviewProgress: reviewProgress ?? null };
  }
}
