import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  getTeamCandidate,
  type TeamCandidateView,
} from '../../projections/team-candidates/team-candidates.reader.js';
import { READ_STORE, type ReadStore } from '../../readstore/read-store.port.js';
import { GetCandidateQuery } from './get-candidate.query.js';

@QueryHandler(GetCandidateQuery)
export class GetCandidateHandler implements IQueryHandler<GetCandidateQuery> {
  constructor(@Inject(READ_STORE) private readonly db: ReadStore) {}

  execute({ id }: GetCandidateQuery): Promise<TeamCandidateView | undefined> {
    return getTeamCandidate(this.db, id);
  }
}
