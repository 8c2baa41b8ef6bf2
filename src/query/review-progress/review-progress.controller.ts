import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiInvalidParameters } from '../http/api-errors.js';
import { ApiPageResponse, pageAnswer, pageRequest } from '../http/page.js';
import { ListReviewProgressQuery } from './list-review-progress.query.js';
import { ListReviewsQuery } from './list-reviews.query.js';
import { ListReviewProgressParams, ListReviewsParams } from './review-progress.dto.js';
import { ReviewProgressResponse, ReviewResponse } from './review-progress.response.js';
import { ReadsProjections } from '../read-your-writes/reads-projections.decorator.js';

@ApiTags('reviews')
@ApiInvalidParameters()
@Controller()
export class ReviewProgressController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('reviews')
  @ReadsProjections('review-progress')
  @ApiOperation({
    summary: "Reviews, the newest first: with reviewerId and state=invited, a reviewer's queue",
  })
  @ApiPageResponse(ReviewResponse, 'A page of reviews')
  async reviews(@Query() params: ListReviewsParams) {
    const { reviewerId, state, assessmentResultId } = params;
    const filter = { reviewerId, state, assessmentResultId, ...pageRequest(params) };
    return pageAnswer(await this.queryBus.execute(new ListReviewsQuery(filter)));
  }

  @Get('review-progress')
  @ReadsProjections('review-progress', 'assessment-results')
  @ApiOperation({
    summary: 'Per result with reviews: counts by state, average rating, complete or not',
  })
  @ApiPageResponse(ReviewProgressResponse, 'A page of review progress, the newest result first')
  async progress(@Query() params: ListReviewProgressParams) {
    const query = new ListReviewProgressQuery(params.assessmentId, pageRequest(params));
    return pageAnswer(await this.queryBus.execute(query));
  }
}
