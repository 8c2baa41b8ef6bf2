import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { candidateStateAt } from '../../projections/candidate-timeline/candidate-timeline.reader.js';
import { getTeamCandidate } from '../../projections/team-candidates/team-candidates.reader.js';
import { READ_STORE, type ReadStore } from '../../readstore/read-store.port.js';
import {
  GetCandidateStateAsOfQuery,
  type CandidateStateAsOf,
} from './get-candidate-state-as-of.query.js';

@QueryHandler(GetCandidateStateAsOfQuery)
export class GetCandidateStateAsOfHandler implements IQueryHandler<GetCandidateStateAsOfQuery> {
  constructor(@Inject(READ_STORE) private readonly db: ReadStore) {}

  async execute({ id, asOf }: GetCandidateStateAsOfQuery): Promise<CandidateStateAsOf | undefined> {
    if (!(await getTeamCandidate(this.db, id))) return undefined;
    const then = await candidateStateAt(this.db, id, asOf);
    return {
      id,
      asOf: new Date(asOf).toISOString(),
      state: then?.state ?? null,
      since: then?.since ?? null,
      eventId: then?.eventId ?? null,
    };
  }
}
