import { Text } from './fields.js';

/** The person taking an assessment, as nested in an assessment result. */
export class CandidateDto {
  @Text() email?: string | null;
  @Text() first_name?: string | null;
  @Text() last_name?: string | null;
}
