import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  EVENT_STORE,
  type EventStore,
  type RecordedEvent,
} from '../../eventstore/event-store.port.js';
import { GetStreamEventsQuery, type StreamEventsPage } from './get-stream-events.query.js';

/** Most bytes of events' data and metadata in one page; a page holds at least one event. */
export const STREAM_PAGE_BYTES = 4 * 1024 * 1024;

/**
 * Events read from the store at a time while a page fills: with events of up to a
 * megabyte or so (the webhook body limit), what is read but left for the next page stays
 * small too.
 */
const READ_CHUNK = 10;

@QueryHandler(GetStreamEventsQuery)
export class GetStreamEventsHandler implements IQueryHandler<GetStreamEventsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Up to `limit` events from `from`, ended early before the page would pass STREAM_PAGE_BYTES. */
  async execute({ stream, from, limit }: GetStreamEventsQuery): Promise<StreamEventsPage> {
    const events: RecordedEvent[] = [];
    let bytes = 0;
    let next = from;
    while (events.length < limit) {
      const wanted = Math.min(READ_CHUNK, limit - events.length);
      const chunk = await this.store.readStream(stream, {
        fromRevision: BigInt(next),
        limit: wanted,
      });
      for (const event of chunk) {
        bytes += sizeOf(event);
        if (events.length > 0 && bytes > STREAM_PAGE_BYTES) return { events, nextFrom: next };
        events.push(event);
        next = Number(event.revision) + 1;
      }
      if (chunk.length < wanted) return { events, nextFrom: null };
    }
    return { events, nextFrom: next };
  }
}

function sizeOf(event: RecordedEvent): number {
  return (
    Buffer.byteLength(JSON.stringify(event.data)) +
    Buffer.byteLength(JSON.stringify(event.metadata))
  );
}
