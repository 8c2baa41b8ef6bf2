import { ApiProperty } from '@nestjs/swagger';
import type {
  AssessmentResultSummary,
  SolutionView,
} from '../../projections/assessment-results/assessment-results.reader.js';
import {
  ApiNullableBoolean,
  ApiNullableNumber,
  ApiNullableText,
  ApiNullableTime,
  ApiText,
  ApiTime,
} from '../http/api-fields.js';
import { ReviewProgressDetailResponse } from '../review-progress/review-progress.response.js';
import type { AssessmentResultDetail } from './get-assessment-result.query.js';

export class AssessmentResultResponse implements AssessmentResultSummary {
  @ApiText('65a1f4087c3a5d0011f3d2c8')
  id!: string;

  @ApiNullableText('65a1f3c29d4e8b0012a4c7e1')
  teamCandidateId!: string | null;

  @ApiNullableText('Maria Okafor')
  candidateName!: string | null;

  @ApiNullableText('maria.okafor@example.com')
  candidateEmail!: string | null;

  @ApiNullableText('6598e2b17c3a5d0011f2b9a4')
  assessmentId!: string | null;

  @ApiNullableText('Backend Engineer (Python)')
  assessmentTitle!: string | null;

  @ApiNullableText('submitted')
  state!: string | null;

  @ApiNullableNumber(89.6)
  score!: number | null;

  @ApiNullableBoolean(true, 'Whether the score reached the passing score')
  passed!: boolean | null;

  @ApiNullableNumber(3912)
  accumulatedSeconds!: number | null;

  @ApiNullableTime('2024-01-12T15:03:22.641Z')
  invitedAt!: string | null;

  @ApiNullableTime('2024-01-13T08:42:05.377Z')
  startedAt!: string | null;

  @ApiNullableTime('2024-01-13T09:47:31.204Z')
  submittedAt!: string | null;

  @ApiNullableBoolean(false)
  abandoned!: boolean | null;

  @ApiNullableText('I would use Redis sorted sets for the limiter in production.')
  candidateRemarks!: string | null;

  @ApiTime('2024-01-13T09:47:32.480Z', 'When the last delivery applied was received')
  updatedAt!: string;
}

export class SolutionResponse implements SolutionView {
  @ApiText('65a26a3e9d4e8b0012a4d013')
  id!: string;

  @ApiNullableText('6597c0d45e2f1a0010b8e3f7')
  challengeId!: string | null;

  @ApiNullableText('Sliding Window Rate Limiter')
  challengeTitle!: string | null;

  @ApiNullableText('CodeSolution')
  type!: string | null;

  @ApiNullableText('python')
  language!: string | null;

  @ApiNullableNumber(91.7)
  score!: number | null;

  @ApiNullableBoolean(true)
  passed!: boolean | null;

  @ApiNullableNumber(11)
  passedTestCases!: number | null;

  @ApiNullableNumber(12)
  totalTestCases!: number | null;

  @ApiNullableNumber(6)
  attempts!: number | null;

  @ApiNullableTime('2024-01-13T09:31:12.487Z')
  completedAt!: string | null;
}

export class AssessmentResultDetailResponse
  extends AssessmentResultResponse
  implements AssessmentResultDetail
{
  @ApiProperty({ type: [SolutionResponse] })
  solutions!: SolutionResponse[];

  @ApiProperty({
    type: ReviewProgressDetailResponse,
    nullable: true,
    description: 'Null until a review of the result is created',
  })
  reviewProgress!: ReviewProgressDetailResponse | null;
}
