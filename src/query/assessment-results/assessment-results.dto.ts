import { BooleanFilter, IdFilter, WordFilter } from '../http/query-params.js';
import { PageParams } from '../http/page.js';

export class ListAssessmentResultsParams extends PageParams {
  @IdFilter({ description: "The team candidate's id", example: '65a1f3c29d4e8b0012a4c7e1' })
  candidateId?: string;

  @IdFilter({ description: 'The assessment taken', example: '6598e2b17c3a5d0011f2b9a4' })
  assessmentId?: string;

  @WordFilter({
    description: 'invited, opened, started, submitting, submitted or terminated',
    example: 'submitted',
  })
  state?: string;

  @BooleanFilter({ description: 'Whether the score reached the passing score', example: true })
  passed?: boolean;
}
