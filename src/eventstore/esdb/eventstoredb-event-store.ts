import {
  BACKWARDS,
  END,
  FORWARDS,
  jsonEvent,
  START,
  type AllStreamResolvedEvent,
  type Direction,
  type JSONType,
  type ResolvedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import type {
  AppendOptions,
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
import { StoreUnavailableError } from '../event-store.errors.js';
import { Position } from '../position.js';
import { isStreamNotFound, toPortError } from './error-mapping.js';
import { toEsdbPosition, toRecordedEvent } from './event-mapping.js';
import { subscribeToAllWithRetry, type RetryPolicy } from './eventstoredb-subscription.js';
import { RenewableClient } from './renewable-client.js';
import { unsupportedBecause } from './server-version.js';

export interface EventStoreDbOptions {
  connectionString: string;
  /** How long an append may take before it fails as unavailable; no bound if unset. */
  appendTimeoutMs?: number;
  /** How long a subscription waits before subscribing again after a dropped connection. */
  resubscribe?: RetryPolicy;
}

type Resolved = ResolvedEvent | AllStreamResolvedEvent;

/** Events read per page while looking for the last event of the application. */
const HEAD_PAGE_SIZE = 32;

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
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    if (events.length === 0) throw new TypeError('An append needs at least one event');
    const deadline = options.untilAnswered ? Infinity : this.appendTimeoutMs;
    const appending = this.write(stream, events, options.expectedRevision ?? 'any', deadline);
    if (deadline === undefined || deadline === Infinity) return appending;
    return answeredWithin(appending, deadline, stream);
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

  /** Pages backwards past the server's own events at the end of the log. */
  async headPosition(): Promise<Position | undefined> {
    let from: Position | undefined;
    for (;;) {
      const page = await this.readAllPage(from, HEAD_PAGE_SIZE, BACKWARDS);
      const [last] = page.flatMap((resolved) => toRecordedEvent(resolved) ?? []);
      if (last) return last.position;
      if (page.length < HEAD_PAGE_SIZE) return undefined;
      // A backwards read starts before the record at its position: no event is read twice.
      const oldest = page[page.length - 1].event!.position!;
      from = new Position(oldest.commit, oldest.prepare);
    }
  }

  async checkSupported(): Promise<void> {
    const reason = unsupportedBecause(await this.serverVersion());
    if (reason) throw new Error(reason);
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.clients.dispose();
  }

  private async write(
    stream: string,
    events: NewEvent[],
    expectedRevision: ExpectedRevision,
    deadline: number | undefined,
  ): Promise<AppendResult> {
    const proposed = events.map(({ id, type, data, metadata }) =>
      jsonEvent({ id, type, data: data as JSONType, metadata }),
    );
    try {
      const result = await this.clients.use((client) =>
        client.appendToStream(stream, proposed, { expectedRevision, deadline }),
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

  /** The version the server reported when the client asked which features it has. */
  private async serverVersion(): Promise<string> {
    // The client keeps that answer to itself (protected): this is its own cached lookup.
    const client = this.clients.current as unknown as {
      capabilities: Promise<{ serverVersion: string }>;
    };
    try {
      return (await client.capabilities).serverVersion;
    } catch (error) {
      throw toPortError(error);
    }
  }

  private async readAllPage(
    from: Position | undefined,
    maxCount: number,
    direction: Direction = FORWARDS,
  ): Promise<Resolved[]> {
    try {
      return await this.clients.use((client) =>
        readToEnd(
          client.readAll({
            direction,
            fromPosition: from ? toEsdbPosition(from) : direction === FORWARDS ? START : END,
            maxCount,
          }),
        ),
      );
    } catch (error) {
      throw toPortError(error);
    }
  }

  private async lastPositionOf(stream: string) {
    const [last] = await this.readStream(stream, { direction: 'backwards', limit: 1 });
    return last.position;
  }
}

/**
 * The client puts no deadline on an append over BatchAppend, the path servers since 21.10
 * offer: a server that took an append and never answers would hold its caller for good. Past
 * `ms` the caller is told the store is unavailable. The append may still land after that, so
 * the caller must count it as attempted.
 */
async function answeredWithin<T>(appending: Promise<T>, ms: number, stream: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new StoreUnavailableError(
            `EventStoreDB did not answer an append to ${stream} within ${ms} ms`,
          ),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([appending, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function collect(read: StreamingRead<Resolved>): Promise<RecordedEvent[]> {
  return (await readToEnd(read)).flatMap((resolved) => toRecordedEvent(resolved) ?? []);
}

/**
 * Every event of a read. The client does not end a read its reader leaves (on an error
 * here), and the server keeps streaming into it: each such read would hold one of the
 * connection's 100 concurrent calls for good. So the read is always cancelled.
 */
async function readToEnd(read: StreamingRead<Resolved>): Promise<Resolved[]> {
  try {
    const events: Resolved[] = [];
    for await (const resolved of read) events.push(resolved);
    return events;
  } finally {
    await read.cancel();
  }
}
