import { Query } from '@nestjs/cqrs';
import type { RecordedEvent } from '../../eventstore/event-store.port.js';

export interface StreamEventsPage {
  events: RecordedEvent[];
  /** The revision the next page starts at, when there may be more. */
  nextFrom: number | null;
}

/** The raw stored events of one stream, a page at a time. */
export class GetStreamEventsQuery extends Query<StreamEventsPage> {
  constructor(
    readonly stream: string,
    readonly from: number,
    readonly limit: number,
  ) {
    super();
  }
}
