import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Page } from '../../projections/shared/pagination.js';
import {
  listTeamCandidates,
  type TeamCandidateView,
} from '../../projections/team-candidates/team-candidates.reader.js';
import { READ_STORE, type ReadStore } from '../../readstore/read-store.port.js';
import { ListCandidatesQuery } from './list-candidates.query.js';

@QueryHandler(ListCandidatesQuery)
export class ListCandidatesHandler implements IQueryHandler<ListCandidatesQuery> {
  constructor(@Inject(READ_STORE) private readonly db: ReadStore) {}

  execute({ filter }: ListCandidatesQuery): Promise<Page<TeamCandidateView>> {
    return listTeamCandidates(this.db, filter);
  }
}
