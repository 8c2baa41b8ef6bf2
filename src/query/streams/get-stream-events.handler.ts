import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../eventstore/event-store.port.js';
import { GetStreamEventsQuery, type StreamEventsPage } from './get-stream-events.query.js';

@QueryHandler(GetStreamEventsQuery)
export class GetStreamEventsHandler implements IQueryHandler<GetStreamEventsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ stream, from, limit }: GetStreamEventsQuery): Promise<StreamEventsPage> {
    const events = await this.store.readStream(stream, { fromRevision: BigInt(from), limit });
    return { events, nextFrom: events.length === limit ? from + limit : null };
  }
}
