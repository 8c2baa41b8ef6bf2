import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  timelineEntries,
  type TimelineEntryView,
} from '../../projections/candidate-timeline/candidate-timeline.reader.js';
import { getTeamCandidate } from '../../projections/team-candidates/team-candidates.reader.js';
import { READ_STORE, type ReadStore } from '../../readstore/read-store.port.js';
import { ExportCandidateTimelineQuery } from './export-candidate-timeline.query.js';

@QueryHandler(ExportCandidateTimelineQuery)
export class ExportCandidateTimelineHandler implements IQueryHandler<ExportCandidateTimelineQuery> {
  constructor(@Inject(READ_STORE) private readonly db: ReadStore) {}

  async execute({
    candidateId,
    asOf,
  }: ExportCandidateTimelineQuery): Promise<AsyncIterable<TimelineEntryView> | undefined> {
    if (!(await getTeamCandidate(this.db, candidateId))) return undefined;
    return timelineEntries(this.db, candidateId, { asOf });
  }
}
