import { ChallengeDto } from './challenge.dto.js';
import { Id, NestedList, Text, TextList } from './fields.js';

/** An assessment, on its own events and nested (with its labels) in an assessment result. */
export class AssessmentDto {
  @Id() id?: string | null;
  @Text() title?: string | null;
  @Text() state?: string | null;
  @TextList() labels?: string[] | null;
  @NestedList(() => ChallengeDto) challenges?: ChallengeDto[] | null;
}
