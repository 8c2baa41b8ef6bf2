import { Query } from '@nestjs/cqrs';
import type { ReviewProgressSummary } from '../../projections/review-progress/review-progress.reader.js';
import type { Page, PageRequest } from '../../projections/shared/pagination.js';

/** The review progress of each result with reviews, the newest result first, a page at a time. */
export class ListReviewProgressQuery extends Query<Page<ReviewProgressSummary>> {
  constructor(
    readonly assessmentId: string | undefined,
    readonly page: PageRequest,
  ) {
    super();
  }
}
