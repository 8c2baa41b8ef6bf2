import { ApiProperty } from '@nestjs/swagger';
import type { FunnelView } from '../../projections/funnel/funnel.reader.js';
import { ApiCounts, ApiNullableNumber, ApiNullableText } from '../http/api-fields.js';

export class FunnelResponse implements FunnelView {
  @ApiNullableText('6598e2b17c3a5d0011f2b9a4', 'Null for the funnel over all assessments')
  assessmentId!: string | null;

  @ApiNullableText('Backend Engineer (Python)')
  assessmentTitle!: string | null;

  @ApiCounts(
    { invited: 12, started: 5, submitted: 9, reviewed: 3 },
    'Candidates by their current state: of those with a result of the assessment, or all',
  )
  candidatesByState!: Record<string, number>;

  @ApiProperty({ example: 29 })
  results!: number;

  @ApiProperty({ example: 17 })
  resultsStarted!: number;

  @ApiProperty({ example: 12 })
  resultsSubmitted!: number;

  @ApiProperty({ example: 8 })
  resultsPassed!: number;

  @ApiNullableNumber(0.6667, 'Passed of submitted; null before any is submitted')
  passRate!: number | null;

  @ApiNullableNumber(3912, 'From start to submission, over the submitted results')
  medianSecondsToSubmit!: number | null;
}
