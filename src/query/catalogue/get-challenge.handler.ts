import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { getChallenge, type ChallengeView } from '../../projections/catalogue/catalogue.reader.js';
import { READ_STORE, type ReadStore } from '../../readstore/read-store.port.js';
import { GetChallengeQuery } from './get-challenge.query.js';

@QueryHandler(GetChallengeQuery)
export class GetChallengeHandler implements IQueryHandler<GetChallengeQuery> {
  constructor(@Inject(READ_STORE) private readonly db: ReadStore) {}

  execute({ id }: GetChallengeQuery): Promise<ChallengeView | undefined> {
    return getChallenge(this.db, id);
  }
}
