import { Module } from '@nestjs/common';
import { ListReviewProgressHandler } from './list-review-progress.handler.js';
import { ListReviewsHandler } from './list-reviews.handler.js';
import { ReviewProgressController } from './review-progress.controller.js';

/** GET /reviews and /review-progress, over the review-progress read model. */
@Module({
  controllers: [ReviewProgressController],
  providers: [ListReviewsHandler, ListReviewProgressHandler],
})
export class ReviewProgressModule {}
