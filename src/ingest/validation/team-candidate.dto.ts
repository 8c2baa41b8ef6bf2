import { CandidateDto } from './candidate.dto.js';
import { Flag, Id, Numeric, Text, TextList } from './fields.js';

/** A team candidate, on its own events and nested in an assessment result. */
export class TeamCandidateDto extends CandidateDto {
  @Id() id?: string | null;
  @Text() anonymous_name?: string | null;
  @Text() name?: string | null;
  @TextList() labels?: string[] | null;
  @Text() prev_state?: string | null;
  @Text() state?: string | null;
  @Flag() test_team_member?: boolean | null;
  @Numeric() assessment_results_count?: number | null;
  @Numeric() highest_score?: number | null;
  @Text() added_label?: string | null;
  @Text() removed_label?: string | null;
}
