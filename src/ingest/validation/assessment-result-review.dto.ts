import { Id, NestedList, Rating, Text, Timestamp } from './fields.js';
import { SolutionReviewDto } from './solution-review.dto.js';

export class AssessmentResultReviewDto {
  @Id() id?: string | null;
  @Text() state?: string | null;
  @Rating() rating?: number | null;
  @Text() feedback?: string | null;
  @Timestamp() submitted_at?: string | null;
  @Id() reviewed_by_id?: string | null;
  @Id() team_candidate_id?: string | null;
  @Id() assessment_result_id?: string | null;
  @NestedList(() => SolutionReviewDto) solution_reviews?: SolutionReviewDto[] | null;
}
