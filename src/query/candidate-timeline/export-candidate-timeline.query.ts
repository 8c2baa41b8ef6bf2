import { Query } from '@nestjs/cqrs';
import type { TimelineEntryView } from '../../projections/candidate-timeline/candidate-timeline.reader.js';

/**
 * A candidate's whole timeline (up to `asOf`), oldest entry first, read page by page as it
 * is consumed; undefined for an unknown candidate.
 */
export class ExportCandidateTimelineQuery extends Query<
  AsyncIterable<TimelineEntryView> | undefined
> {
  constructor(
    readonly candidateId: string,
    readonly asOf: string | undefined,
  ) {
    super();
  }
}
