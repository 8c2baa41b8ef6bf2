import { Query } from '@nestjs/cqrs';
import type {
  ReviewQuery,
  ReviewView,
} from '../../projections/review-progress/review-progress.reader.js';
import type { Page } from '../../projections/shared/pagination.js';

/** Reviews not destroyed, filtered, the newest first, a page at a time. */
export class ListReviewsQuery extends Query<Page<ReviewView>> {
  constructor(readonly filter: ReviewQuery) {
    super();
  }
}
