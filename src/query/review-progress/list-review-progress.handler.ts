import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  listReviewProgress,
  listReviewProgressOfAssessment,
  type ReviewProgressSummary,
} from '../../projections/review-progress/review-progress.reader.js';
import type { Page } from '../../projections/shared/pagination.js';
import { READ_STORE, type ReadStore } from '../../readstore/read-store.port.js';
import { ListReviewProgressQuery } from './list-review-progress.query.js';

@QueryHandler(ListReviewProgressQuery)
export class ListReviewProgressHandler implements IQueryHandler<ListReviewProgressQuery> {
  constructor(@Inject(READ_STORE) private readonly db: ReadStore) {}

  execute({ assessmentId, page }: ListReviewProgressQuery): Promise<Page<ReviewProgressSummary>> {
    return assessmentId === undefined
      ? listReviewProgress(this.db, page)
      : listReviewProgressOfAssessment(this.db, assessmentId, page);
  }
}
