import { ChallengeDto } from './challenge.dto.js';
import { Flag, Id, Nested, Numeric, Timestamp } from './fields.js';

/** A solution, on its own events and nested (without its four ids) in an assessment result. */
export class SolutionDto {
  @Id() id?: string | null;
  @Id() assessment_id?: string | null;
  @Id() assessment_result_id?: string | null;
  @Id() team_candidate_id?: string | null;
  @Id() team_id?: string | null;
  @Numeric() attempts?: number | null;
  @Timestamp() completed_at?: string | null;
  @Timestamp() first_test_case_solved_at?: string | null;
  @Numeric() passed_test_cases?: number | null;
  @Numeric() total_test_cases?: number | null;
  @Numeric() score?: number | null;
  @Flag() passing_score?: boolean | null;
  @Nested(() => ChallengeDto) challenge?: ChallengeDto | null;
}
