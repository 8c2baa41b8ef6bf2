import { ApiProperty } from '@nestjs/swagger';
import type { SolutionReviewView } from '../../projections/review-progress/review-progress-rows.js';
import type {
  ReviewProgressSummary,
  ReviewProgressView,
  ReviewView,
} from '../../projections/review-progress/review-progress.reader.js';
import {
  ApiCounts,
  ApiNullableNumber,
  ApiNullableText,
  ApiNullableTime,
  ApiText,
  ApiTime,
} from '../http/api-fields.js';

export class SolutionReviewResponse implements SolutionReviewView {
  @ApiNullableText('65a26a3e9d4e8b0012a4d013')
  solutionId!: string | null;

  @ApiNullableText('6597c0d45e2f1a0010b8e3f7')
  challengeId!: string | null;

  @ApiNullableNumber(5)
  rating!: number | null;

  @ApiNullableText('Clean deque-based window, good tests; missed the boundary burst case.')
  feedback!: string | null;
}

export class ReviewResponse implements ReviewView {
  @ApiText('65a2b7e3c81f4a0013e5a9d6')
  id!: string;

  @ApiNullableText('65a1f4087c3a5d0011f3d2c8')
  assessmentResultId!: string | null;

  @ApiNullableText('65a1f3c29d4e8b0012a4c7e1')
  teamCandidateId!: string | null;

  @ApiNullableText('6590ab7cf3b2c40010d1e5c9')
  reviewerId!: string | null;

  @ApiNullableText('submitted', 'invited, started or submitted')
  state!: string | null;

  @ApiNullableNumber(5, '1 to 5')
  rating!: number | null;

  @ApiNullableText('Strong problem solving and clear code. Recommend the on-site interview.')
  feedback!: string | null;

  @ApiNullableTime('2024-01-14T11:20:48.015Z')
  submittedAt!: string | null;

  @ApiProperty({ type: [SolutionReviewResponse] })
  solutionReviews!: SolutionReviewResponse[];

  @ApiTime('2024-01-14T11:20:48.512Z', 'When the last delivery applied was received')
  updatedAt!: string;
}

export class ReviewProgressResponse implements ReviewProgressSummary {
  @ApiText('65a1f4087c3a5d0011f3d2c8')
  assessmentResultId!: string;

  @ApiNullableText('65a1f3c29d4e8b0012a4c7e1')
  teamCandidateId!: string | null;

  @ApiProperty({ example: 2, description: 'Reviews not destroyed' })
  reviewCount!: number;

  @ApiCounts({ submitted: 1, invited: 1 }, 'Reviews by state')
  counts!: Record<string, number>;

  @ApiNullableNumber(5, 'Of the submitted reviews with a rating; null when there is none')
  averageRating!: number | null;

  @ApiProperty({ example: false, description: 'Every review is submitted' })
  complete!: boolean;

  @ApiTime('2024-01-14T11:20:48.512Z')
  updatedAt!: string;
}

export class ReviewProgressDetailResponse
  extends ReviewProgressResponse
  implements ReviewProgressView
{
  @ApiProperty({ type: [ReviewResponse] })
  reviews!: ReviewResponse[];
}
