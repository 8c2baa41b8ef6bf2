import { PageParams } from '../http/page.js';
import { IdFilter, TextFilter, TimeParam, WordFilter } from '../http/query-params.js';
import { ReadParams } from '../http/read-params.js';

export class ListCandidatesParams extends PageParams {
  @WordFilter({ description: 'Current state', example: 'submitted' })
  state?: string;

  @TextFilter({ description: 'A label the candidate has', example: 'backend' })
  label?: string;

  @IdFilter({
    description: 'Candidates with a result of this assessment',
    example: '6598e2b17c3a5d0011f2b9a4',
  })
  assessmentId?: string;

  @TextFilter({
    description:
      'Matches the start of the name, of a word in it, or of the email; case-insensitive',
    example: 'okaf',
  })
  q?: string;
}

export class CandidateParams extends ReadParams {
  @TimeParam({
    description: 'Answer the state at this time instead: the last transition received by then',
    example: '2024-01-13T09:00:00Z',
  })
  asOf?: string;
}
