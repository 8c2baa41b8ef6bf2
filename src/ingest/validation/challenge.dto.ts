import { Id, Numeric, Text, TextList } from './fields.js';

/** A challenge, on its own events and nested in solutions and assessments. */
export class ChallengeDto {
  @Id() id?: string | null;
  @Text() title?: string | null;
  @Numeric() estimated_time?: number | null;
  @TextList() topics?: string[] | null;
}
