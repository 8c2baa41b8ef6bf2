import { IdFilter, WordFilter } from '../http/query-params.js';
import { PageParams } from '../http/page.js';

export class ListReviewsParams extends PageParams {
  @IdFilter({ description: "The reviewer's id", example: '6590ab7cf3b2c40010d1e5c9' })
  reviewerId?: string;

  @WordFilter({ description: 'invited, started or submitted', example: 'invited' })
  state?: string;

  @IdFilter({ description: 'The result reviewed', example: '65a1f4087c3a5d0011f3d2c8' })
  assessmentResultId?: string;
}

export class ListReviewProgressParams extends PageParams {
  @IdFilter({
    description: 'Only results of this assessment',
    example: '6598e2b17c3a5d0011f2b9a4',
  })
  assessmentId?: string;
}
