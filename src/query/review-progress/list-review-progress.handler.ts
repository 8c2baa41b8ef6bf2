import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assessmentResultIds } from '../../projections/assessment-results/assessment-results.reader.js';
import {
  listReviewProgress,
  reviewProgressOf,
  type ReviewProgressSummary,
} from '../../projections/review-progress/review-progress.reader.js';
import {
  decodeCursor,
  MAX_PAGE_SIZE,
  pageSize,
  toPage,
  type Page,
  type PageRequest,
} from '../../projections/shared/pagination.js';
import { READ_STORE, type ReadStore } from '../../readstore/read-store.port.js';
import { ListReviewProgressQuery } from './list-review-progress.query.js';

@QueryHandler(ListReviewProgressQuery)
export class ListReviewProgressHandler implements IQueryHandler<ListReviewProgressQuery> {
  constructor(@Inject(READ_STORE) private readonly db: ReadStore) {}

  execute({ assessmentId, page }: ListReviewProgressQuery): Promise<Page<ReviewProgressSummary>> {
    return assessmentId === undefined
      ? listReviewProgress(this.db, page)
      : this.ofAssessment(assessmentId, page);
  }

  /**
   * Review progress is kept by result, and only the results know their assessment: walks
   * the assessment's results, newest first, a batch at a time, and keeps those with
   * reviews. Pages and cursors are those of the unfiltered list (by result id, descending).
   */
  private async ofAssessment(
    assessmentId: string,
    page: PageRequest,
  ): Promise<Page<ReviewProgressSummary>> {
    const size = pageSize(page.limit);
    let [before] = page.after ? decodeCursor(page.after, ['string']) : [undefined];
    const kept: ReviewProgressSummary[] = [];
    while (kept.length <= size) {
      const ids = await assessmentResultIds(this.db, assessmentId, {
        before,
        limit: MAX_PAGE_SIZE,
      });
      kept.push(...(await reviewProgressOf(this.db, ids)));
      if (ids.length < MAX_PAGE_SIZE) break;
      before = ids.at(-1);
    }
    return toPage(
      kept,
      size,
      (progress) => progress,
      (progress) => [progress.assessmentResultId],
    );
  }
}
