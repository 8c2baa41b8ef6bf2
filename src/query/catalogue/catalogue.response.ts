import { ApiProperty } from '@nestjs/swagger';
import type {
  AssessmentView,
  ChallengeView,
} from '../../projections/catalogue/catalogue.reader.js';
import {
  ApiNullableNumber,
  ApiNullableText,
  ApiNullableTime,
  ApiText,
  ApiTextList,
  ApiTime,
} from '../http/api-fields.js';

export class AssessmentResponse implements AssessmentView {
  @ApiText('6598e2b17c3a5d0011f2b9a4')
  id!: string;

  @ApiNullableText('Backend Engineer (Python)')
  title!: string | null;

  @ApiNullableText('A rate limiter to implement and a short quiz on HTTP.')
  summary!: string | null;

  @ApiNullableText('Second-stage screen for backend engineering candidates.')
  purpose!: string | null;

  @ApiNullableText('published', 'draft, published or archived')
  state!: string | null;

  @ApiProperty({ example: true, description: 'It has been published (it stays so when archived)' })
  published!: boolean;

  @ApiNullableTime('2024-01-05T10:12:44.903Z')
  publishedAt!: string | null;

  @ApiProperty({ example: false, description: 'Destroyed upstream: kept, flagged' })
  deleted!: boolean;

  @ApiNullableTime(null)
  deletedAt!: string | null;

  @ApiTextList(['6597c0d45e2f1a0010b8e3f7', '6597c1aa5e2f1a0010b8e412'])
  challengeIds!: string[];

  @ApiTime('2024-01-05T10:12:44.903Z', 'When the last delivery applied was received')
  updatedAt!: string;
}

export class ChallengeResponse implements ChallengeView {
  @ApiText('6597c0d45e2f1a0010b8e3f7')
  id!: string;

  @ApiNullableText('CodeChallenge')
  type!: string | null;

  @ApiNullableText('Sliding Window Rate Limiter')
  title!: string | null;

  @ApiNullableText(
    'Implement a rate limiter that allows at most N requests per client in any window of W seconds.',
  )
  summary!: string | null;

  @ApiTextList(['algorithms', 'data structures', 'concurrency'])
  topics!: string[];

  @ApiNullableNumber(45, 'Minutes')
  estimatedTime!: number | null;

  @ApiProperty({ example: true })
  published!: boolean;

  @ApiTime('2024-01-04T16:30:02.117Z', 'When the last delivery applied was received')
  updatedAt!: string;
}
