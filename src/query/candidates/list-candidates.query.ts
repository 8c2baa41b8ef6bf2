import { Query } from '@nestjs/cqrs';
import type { Page } from '../../projections/shared/pagination.js';
import type {
  TeamCandidateQuery,
  TeamCandidateView,
} from '../../projections/team-candidates/team-candidates.reader.js';

/** Team candidates, filtered, the newest activity first, a page at a time. */
export class ListCandidatesQuery extends Query<Page<TeamCandidateView>> {
  constructor(readonly filter: TeamCandidateQuery) {
    super();
  }
}
