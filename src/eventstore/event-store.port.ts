import type { Position } from './position.js';

/**
 * What an append expects of the stream: anything, that it does not exist yet, that it
 * exists, or that its last event has exactly this revision (revisions start at 0).
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export type JsonObject = { [key: string]: unknown };

export interface NewEvent {
  /** A UUID chosen by the writer; it identifies the event in every store. */
  id: string;
  type: string;
  data: unknown;
  metadata: JsonObject;
}

export interface RecordedEvent {
  id: string;
  type: string;
  stream: string;
  revision: bigint;
  position: Position;
  data: unknown;
  metadata: JsonObject;
  /** When the store wrote the event. */
  createdAt: Date;
}

export interface AppendResult {
  /** The revision of the last event written, which the next append can expect. */
  nextRevision: bigint;
  /** The log position of the last event written. */
  position: Position;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  direction?: Direction;
  /** Inclusive; defaults to the first event (forwards) or the last (backwards). */
  fromRevision?: bigint;
  limit?: number;
}

export interface ReadAllOptions {
  /** Inclusive; defaults to the start of the log. */
  from?: Position;
  limit?: number;
}

export interface SubscribeOptions {
  /** Deliver events after this position (exclusive); omitted, from the start of the log. */
  from?: Position;
}

export type SubscriptionMessage =
  | { kind: 'event'; event: RecordedEvent }
  /** Every event stored when the subscription started has been delivered; live from here. */
  | { kind: 'caught-up' };

export interface Subscription extends AsyncIterable<SubscriptionMessage> {
  /** Stops delivery; a pending iteration ends. */
  close(): Promise<void>;
}

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
  /**
   * Wait for the store's answer however long it takes, rather than failing as unavailable
   * after the store's append timeout: for a writer that would otherwise append again while
   * the first append may still land.
   */
  untilAnswered?: boolean;
}

/**
 * The event log. Two adapters implement it (embedded SQLite and EventStoreDB); nothing
 * outside them touches a store directly. Only the application's own events are visible:
 * a store's system events are never returned.
 */
export interface EventStore {
  /** Appends all events or none; resolves once they are durable. */
  append(stream: string, events: NewEvent[], options?: AppendOptions): Promise<AppendResult>;

  /** A stream that does not exist reads as empty. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /** History, then a caught-up message, then live events, in log order. */
  subscribeToAll(options?: SubscribeOptions): Subscription;

  /** The position of the last event in the log, or undefined when the log is empty. */
  headPosition(): Promise<Position | undefined>;

  /**
   * Fails, saying why in one sentence, when the store cannot serve this version of the
   * ledger: an EventStoreDB server older than 23.10.
   */
  checkSupported(): Promise<void>;

  close(): Promise<void>;
}

/** The Nest injection token for the configured EventStore. */
export const EVENT_STORE = Symbol('EventStore');
