import { Query } from '@nestjs/cqrs';
import type {
  ChallengeQuery,
  ChallengeView,
} from '../../projections/catalogue/catalogue.reader.js';
import type { Page } from '../../projections/shared/pagination.js';

/** Challenges not destroyed, filtered, the most recently created first, a page at a time. */
export class ListChallengesQuery extends Query<Page<ChallengeView>> {
  constructor(readonly filter: ChallengeQuery) {
    super();
  }
}
