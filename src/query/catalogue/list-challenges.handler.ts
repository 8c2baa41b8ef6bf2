import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  listChallenges,
  type ChallengeView,
} from '../../projections/catalogue/catalogue.reader.js';
import type { Page } from '../../projections/shared/pagination.js';
import { READ_STORE, type ReadStore } from '../../readstore/read-store.port.js';
import { ListChallengesQuery } from './list-challenges.query.js';

@QueryHandler(ListChallengesQuery)
export class ListChallengesHandler implements IQueryHandler<ListChallengesQuery> {
  constructor(@Inject(READ_STORE) private readonly db: ReadStore) {}

  execute({ filter }: ListChallengesQuery): Promise<Page<ChallengeView>> {
    return listChallenges(this.db, filter);
  }
}
