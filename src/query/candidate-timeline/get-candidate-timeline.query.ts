import { Query } from '@nestjs/cqrs';
import type {
  TimelineEntryView,
  TimelineQuery,
} from '../../projections/candidate-timeline/candidate-timeline.reader.js';
import type { Page } from '../../projections/shared/pagination.js';

/** A page of a candidate's timeline, oldest entry first; undefined for an unknown candidate. */
export class GetCandidateTimelineQuery extends Query<Page<TimelineEntryView> | undefined> {
  constructor(
    readonly candidateId: string,
    readonly query: TimelineQuery,
  ) {
    super();
  }
}
