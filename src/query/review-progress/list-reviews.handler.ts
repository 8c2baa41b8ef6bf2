import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  listReviews,
  type ReviewView,
} from '../../projections/review-progress/review-progress.reader.js';
import type { Page } from '../../projections/shared/pagination.js';
import { READ_STORE, type ReadStore } from '../../readstore/read-store.port.js';
import { ListReviewsQuery } from './list-reviews.query.js';

@QueryHandler(ListReviewsQuery)
export class ListReviewsHandler implements IQueryHandler<ListReviewsQuery> {
  constructor(@Inject(READ_STORE) private readonly db: ReadStore) {}

  execute({ filter }: ListReviewsQuery): Promise<Page<ReviewView>> {
    return listReviews(this.db, filter);
  }
}
