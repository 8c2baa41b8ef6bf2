import { ApiProperty } from '@nestjs/swagger';
import type { TeamCandidateView } from '../../projections/team-candidates/team-candidates.reader.js';
import {
  ApiNullableBoolean,
  ApiNullableNumber,
  ApiNullableText,
  ApiNullableTime,
  ApiText,
  ApiTextList,
  ApiTime,
} from '../http/api-fields.js';
import type { CandidateStateAsOf } from './get-candidate-state-as-of.query.js';

export class CandidateResponse implements TeamCandidateView {
  @ApiText('65a1f3c29d4e8b0012a4c7e1')
  id!: string;

  @ApiNullableText('Maria Okafor')
  name!: string | null;

  @ApiNullableText('Maria')
  firstName!: string | null;

  @ApiNullableText('Okafor')
  lastName!: string | null;

  @ApiNullableText('maria.okafor@example.com')
  email!: string | null;

  @ApiNullableText('Candidate 4827')
  anonymousName!: string | null;

  @ApiNullableText('submitted', 'Current state')
  state!: string | null;

  @ApiNullableText('started', 'The state before it')
  prevState!: string | null;

  @ApiTextList(['backend'])
  labels!: string[];

  @ApiNullableBoolean(false)
  testTeamMember!: boolean | null;

  @ApiNullableNumber(1)
  assessmentResultsCount!: number | null;

  @ApiNullableNumber(89.6)
  highestScore!: number | null;

  @ApiTime('2024-01-12T15:03:23.012Z', 'When the first delivery about the candidate was received')
  firstSeenAt!: string;

  @ApiTime('2024-01-13T09:47:32.480Z', 'When the last delivery about the candidate was received')
  lastActivityAt!: string;
}

export class CandidateStateAsOfResponse implements CandidateStateAsOf {
  @ApiText('65a1f3c29d4e8b0012a4c7e1')
  id!: string;

  @ApiTime('2024-01-13T09:00:00.000Z')
  asOf!: string;

  @ApiNullableText('started', 'The state then; null before the first transition')
  state!: string | null;

  @ApiNullableTime('2024-01-13T08:42:06.101Z', 'When the transition into it was received')
  since!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '3f1c9a52-8d7e-4b0a-9c61-2e5d8f4a7b13',
    description: 'The event of that transition (see /streams)',
  })
  eventId!: string | null;
}
