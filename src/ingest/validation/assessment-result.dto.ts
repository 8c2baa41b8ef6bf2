import { AssessmentDto } from './assessment.dto.js';
import { CandidateDto } from './candidate.dto.js';
import { Flag, Id, Nested, NestedList, Numeric, Text, Timestamp } from './fields.js';
import { SolutionDto } from './solution.dto.js';
import { TeamCandidateDto } from './team-candidate.dto.js';

export class AssessmentResultDto {
  @Id() id?: string | null;
  @Text() state?: string | null;
  @Flag() abandoned?: boolean | null;
  @Numeric() accumulated_seconds?: number | null;
  @Numeric() score?: number | null;
  @Flag() passing_score?: boolean | null;
  @Timestamp() invited_at?: string | null;
  @Timestamp() started_at?: string | null;
  @Timestamp() submitted_at?: string | null;
  @Nested(() => CandidateDto) candidate?: CandidateDto | null;
  @Nested(() => TeamCandidateDto) team_candidate?: TeamCandidateDto | null;
  @Nested(() => AssessmentDto) assessment?: AssessmentDto | null;
  @NestedList(() => SolutionDto) solutions?: SolutionDto[] | null;
}
