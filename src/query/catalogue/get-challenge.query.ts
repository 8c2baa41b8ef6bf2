import { Query } from '@nestjs/cqrs';
import type { ChallengeView } from '../../projections/catalogue/catalogue.reader.js';

/** One challenge; undefined for an unknown or destroyed one. */
export class GetChallengeQuery extends Query<ChallengeView | undefined> {
  constructor(readonly id: string) {
    super();
  }
}
