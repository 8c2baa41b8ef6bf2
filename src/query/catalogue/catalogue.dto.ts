import { BooleanFilter, WordFilter } from '../http/query-params.js';
import { PageParams } from '../http/page.js';

export class ListAssessmentsParams extends PageParams {
  @WordFilter({ description: 'draft, published or archived', example: 'published' })
  state?: string;

  @BooleanFilter({
    description: 'Include assessments destroyed upstream (kept, flagged `deleted`)',
    example: false,
  })
  includeDeleted?: boolean;
}

export class ListChallengesParams extends PageParams {
  @WordFilter({
    description: 'CodeChallenge, AdvancedCodeChallenge or QuizChallenge',
    example: 'CodeChallenge',
  })
  type?: string;
}
