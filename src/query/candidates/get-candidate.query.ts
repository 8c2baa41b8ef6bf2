import { Query } from '@nestjs/cqrs';
import type { TeamCandidateView } from '../../projections/team-candidates/team-candidates.reader.js';

/** One candidate as it stands; undefined for an unknown id. */
export class GetCandidateQuery extends Query<TeamCandidateView | undefined> {
  constructor(readonly id: string) {
    super();
  }
}
