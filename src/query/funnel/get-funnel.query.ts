import { Query } from '@nestjs/cqrs';
import type { FunnelView } from '../../projections/funnel/funnel.reader.js';

/** The funnel of one assessment, or over all of them. */
export class GetFunnelQuery extends Query<FunnelView> {
  constructor(readonly assessmentId: string | undefined) {
    super();
  }
}
