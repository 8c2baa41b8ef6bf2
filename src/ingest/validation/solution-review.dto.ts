import { Id, Rating, Text } from './fields.js';

/** One solution's review, nested in an assessment result review. */
export class SolutionReviewDto {
  @Rating() rating?: number | null;
  @Text() feedback?: string | null;
  @Id() challenge_id?: string | null;
  @Id() solution_id?: string | null;
}
