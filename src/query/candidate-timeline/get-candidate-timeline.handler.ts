import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  getCandidateTimeline,
  type TimelineEntryView,
} from '../../projections/candidate-timeline/candidate-timeline.reader.js';
import type { Page } from '../../projections/shared/pagination.js';
import { getTeamCandidate } from '../../projections/team-candidates/team-candidates.reader.js';
import { READ_STORE, type ReadStore } from '../../readstore/read-store.port.js';
import { GetCandidateTimelineQuery } from './get-candidate-timeline.query.js';

@QueryHandler(GetCandidateTimelineQuery)
export class GetCandidateTimelineHandler implements IQueryHandler<GetCandidateTimelineQuery> {
  constructor(@Inject(READ_STORE) private readonly db: ReadStore) {}

  async execute({
    candidateId,
    query,
  }: GetCandidateTimelineQuery): Promise<Page<TimelineEntryView> | undefined> {
    const page = await getCandidateTimeline(this.db, candidateId, query);
    // An empty page is a 404 unless the candidate is known (with no entries by asOf, or yet).
    if (page.items.length > 0 || (await getTeamCandidate(this.db, candidateId))) return page;
    return undefined;
  }
}
