import {
  BACKWARDS,
  END,
  FORWARDS,
  jsonEvent,
  START,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type JSONType,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port.js';
import { Position } from '../position.js';
import { isStreamNotFound, toPortError } from './error-mapping.js';
import { isSystemEvent, toEsdbPosition, toRecordedEvent } from './event-mapping.js';
import { subscribeToAllWithRetry, type RetryPolicy } from './eventstoredb-subscription.js';
import { RenewableClient } from './renewable-client.js';

export interface EventStoreDbOptions {
  connectionString: string;
  /** How long an append may take before it fails as unavailable; the client's default if unset. */
  appendTimeoutMs?: number;
  /** How long a subscription waits before subscribing again after a dropped connection. */
  resubscribe?: RetryPolicy;
}

type Resolved = ResolvedEvent | AllStreamResolvedEvent;

/** The production event store: EventStoreDB through its official gRPC client. */
export class EventStoreDbEventStore implements EventStore {
  private readonly clients: RenewableClient;
  private readonly resubscribe: RetryPolicy;
  private readonly appendTimeoutMs: number | undefined;
  private readonly subscriptions = new Set<Subscription>();

  constructor(options: EventStoreDbOptions) {
    this.clients = new RenewableClient(options.connectionString);
    this.resubscribe = options.resubscribe ?? { initialDelayMs: 100, maxDelayMs: 5000 };
    this.appendTimeoutMs = options.appendTimeoutMs;
  }

  async append(
    stream: string,
    events: NewEvent[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    if (events.length === 0) throw new TypeError('An append needs at least one event');
    const proposed = events.map(({ id, type, data, metadata }) =>
      jsonEvent({ id, type, data: data as JSONType, metadata }),
    );
    try {
      const result = await this.clients.use((client) =>
        client.appendToStream(stream, proposed, {
          expectedRevision: options.expectedRevision ?? 'any',
          deadline: this.appendTimeoutMs,
        }),
      );
      const position = result.position ?? (await this.lastPositionOf(stream));
      return {
        nextRevision: result.nextExpectedRevision,
        position: new Position(position.commit, position.prepare),
      };
    } catch (error) {
      throw toPortError(error);
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    try {
      return await this.clients.use((client) =>
        collect(
          client.readStream(stream, {
            direction: backwards ? BACKWARDS : FORWARDS,
            fromRevision: options.fromRevision ?? (backwards ? END : START),
            maxCount: options.limit ?? Number.MAX_SAFE_INTEGER,
          }),
        ),
      );
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw toPortError(error);
    }
  }

  /** Pages past system events so that a limit counts only the application's events. */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
    const events: RecordedEvent[] = [];
    let from = options.from;
    let skipFirst = false;
    while (events.length < limit) {
      const wanted = Math.min(limit - events.length + (skipFirst ? 1 : 0), 4096);
      const page = await this.readAllPage(from, wanted);
      const fresh = skipFirst ? page.slice(1) : page;
      events.push(...fresh.flatMap((resolved) => toRecordedEvent(resolved) ?? []));
      if (page.length < wanted) break;
      const lastPosition = page[page.length - 1].event!.position!;
      from = new Position(lastPosition.commit, lastPosition.prepare);
      skipFirst = true;
    }
    return events.slice(0, limit);
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const subscription = subscribeToAllWithRetry(this.clients, options.from, this.resubscribe);
    this.subscriptions.add(subscription);
    return {
      [Symbol.asyncIterator]: () => subscription[Symbol.asyncIterator](),
      close: async () => {
        this.subscriptions.delete(subscription);
        await subscription.close();
      },
    };
  }

  async headPosition(): Promise<Position | undefined> {
    try {
      return await this.clients.use(lastPosition);
    } catch (error) {
      throw toPortError(error);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.clients.dispose();
  }

  private async readAllPage(from: Position | undefined, maxCount: number): Promise<Resolved[]> {
    try {
      return await this.clients.use(async (client) => {
        const page: Resolved[] = [];
        const read = client.readAll({
          direction: FORWARDS,
          fromPosition: from ? toEsdbPosition(from) : START,
          maxCount,
        });
        for await (const resolved of read) page.push(resolved);
        return page;
      });
    } catch (error) {
      throw toPortError(error);
    }
  }

  private async lastPositionOf(stream: string) {
    const [last] = await this.readStream(stream, { direction: 'backwards', limit: 1 });
    return last.position;
  }
}

async function lastPosition(client: EventStoreDBClient): Promise<Position | undefined> {
  for await (const resolved of client.readAll({ direction: BACKWARDS, fromPosition: END })) {
    const event = resolved.event;
    if (event?.position && !isSystemEvent(event.type)) {
      return new Position(event.position.commit, event.position.prepare);
    }
  }
  return undefined;
}

async function collect(read: AsyncIterable<Resolved>): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const resolved of read) {
    const event = toRecordedEvent(resolved);
    if (event) events.push(event);
  }
  return events;
}
