// In-memory event log behind EventStoreDBTestServer (a test fixture, not product code).
// It models what the gRPC layer needs: streams with revisions, a global log with byte-offset-like
// positions, soft delete, tombstones and a notification when the log grows.
import { randomUUID } from 'node:crypto';
import { checkAppend } from './eventstoredb-test-append-rules.js';

export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;
export type CurrentRevision = 'no_stream' | bigint;
export type ReadFrom = 'start' | 'end' | bigint;
export type Direction = 'forwards' | 'backwards';

export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

export interface LoggedEvent extends ProposedEvent {
  streamName: string;
  revision: bigint;
  /** Commit and prepare position: the same for a single-stream append. */
  position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as the server stamps it. */
  created: string;
}

export class WrongExpectedRevision extends Error {
  constructor(
    readonly streamName: string,
    readonly current: CurrentRevision,
    readonly expected: ExpectedRevision,
  ) {
    super(`Wrong expected revision on '${streamName}'`);
  }
}

export class StreamTombstoned extends Error {
  constructor(readonly streamName: string) {
    super(`Event stream '${streamName}' is deleted.`);
  }
}

interface StreamState {
  /** Indexed by revision, including soft-deleted events. */
  events: LoggedEvent[];
  truncateBefore: bigint;
  tombstoned: boolean;
}

// The real log opens with an epoch record, so no event ever sits at position 0.
const FIRST_POSITION = 256n;
const RECORD_OVERHEAD = 112n;
// Past any real position or revision: a read or subscription "from end".
const END = 2n ** 64n;
const TOMBSTONE_REVISION = 2n ** 63n - 1n;
const TICKS_PER_MILLISECOND = 10_000n;

export class EventLog {
  private readonly log: LoggedEvent[] = [];
  private readonly streams = new Map<string, StreamState>();
  private readonly listeners = new Set<() => void>();
  private nextPosition = FIRST_POSITION;

  constructor({ systemEvents }: { systemEvents: boolean }) {
    if (systemEvents) {
      this.append('$settings', 'any', [systemEvent('$settings', { $userStreamAcl: {} })]);
      this.append('$projections-$all', 'any', [systemEvent('$ProjectionsInitialized', {})]);
    }
  }

  get length(): number {
    return this.log.length;
  }

  at(index: number): LoggedEvent | undefined {
    return this.log[index];
  }

  /** Index of the first event after `position`: where a subscription from it starts. */
  indexAfter(position: bigint): number {
    const index = this.log.findIndex((event) => event.position > position);
    return index === -1 ? this.log.length : index;
  }

  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  isTombstoned(streamName: string): boolean {
    return this.streams.get(streamName)?.tombstoned ?? false;
  }

  append(
    streamName: string,
    expected: ExpectedRevision,
    proposed: readonly ProposedEvent[],
  ): { revision: CurrentRevision; position?: bigint } {
    const events = checkAppend(proposed);
    const repeated = this.repeatedAppend(streamName, expected, events);
    if (repeated) return repeated;
    const stream = this.writableStream(streamName, expected);
    const written = events.map((event) => this.write(stream, streamName, event));
    if (written.length > 0) this.notify();
    return { revision: currentRevision(stream), position: written.at(-1)?.position };
  }

  /** Events in read order, or undefined when the stream does not exist (or is soft-deleted). */
  readStream(
    streamName: string,
    from: ReadFrom,
    direction: Direction,
    count: bigint,
  ): LoggedEvent[] | undefined {
    const stream = this.streams.get(streamName);
    if (stream?.tombstoned) throw new StreamTombstoned(streamName);
    if (stream === undefined || currentRevision(stream) === 'no_stream') return undefined;
    const bound = boundOf(from);
    const visible = stream.events.slice(Number(stream.truncateBefore));
    const include =
      direction === 'forwards'
        ? (event: LoggedEvent) => event.revision >= bound
        : (event: LoggedEvent) => event.revision <= bound;
    return select(visible, direction, include, count);
  }

  /**
   * Like the real server, a backwards read takes its position as the end of a record: reading
   * backwards from an event's position starts with the event before it.
   */
  readAll(from: ReadFrom, direction: Direction, count: bigint): LoggedEvent[] {
    const bound = boundOf(from);
    const include =
      direction === 'forwards'
        ? (event: LoggedEvent) => event.position >= bound
        : (event: LoggedEvent) => event.position < bound;
    return select(this.log, direction, include, count);
  }

  /** Soft delete: writes `$tb` metadata to `$$<stream>`; appending again recreates the stream. */
  delete(streamName: string, expected: ExpectedRevision): bigint {
    const stream = this.writableStream(streamName, expected);
    const truncateBefore = BigInt(stream.events.length);
    const metadata = systemEvent('$metadata', { $tb: Number(truncateBefore) });
    const event = this.write(
      this.writableStream(`$$${streamName}`, 'any'),
      `$$${streamName}`,
      metadata,
    );
    stream.truncateBefore = truncateBefore;
    this.notify();
    return event.position;
  }

  /** Hard delete: a `$streamDeleted` record, visible in $all; the stream is gone for good. */
  tombstone(streamName: string, expected: ExpectedRevision): bigint {
    const stream = this.writableStream(streamName, expected);
    const event = this.record(streamName, TOMBSTONE_REVISION, systemEvent('$streamDeleted'));
    stream.tombstoned = true;
    this.notify();
    return event.position;
  }

  /**
   * The same events appended again with the same expectation (a retry after a lost answer)
   * are not written twice: the server answers with the revision and position they got. It
   * looks right after the expected revision (no_stream: the start); for any and stream_exists
   * it finds the first id in the stream (the real server, only in a cache of recent writes).
   */
  private repeatedAppend(
    streamName: string,
    expected: ExpectedRevision,
    events: readonly ProposedEvent[],
  ): { revision: bigint; position: bigint } | undefined {
    const stored = this.streams.get(streamName)?.events ?? [];
    const first =
      typeof expected === 'bigint'
        ? Number(expected) + 1
        : expected === 'no_stream'
          ? 0
          : stored.findIndex((event) => event.id === events[0]?.id);
    const candidates = first < 0 ? [] : stored.slice(first, first + events.length);
    const last = candidates.at(-1);
    if (!last || candidates.length !== events.length) return undefined;
    if (candidates.some((event, i) => event.id !== events[i].id)) return undefined;
    return { revision: last.revision, position: last.position };
  }

  private writableStream(streamName: string, expected: ExpectedRevision): StreamState {
    const stream = this.streams.get(streamName) ?? {
      events: [],
      truncateBefore: 0n,
      tombstoned: false,
    };
    if (stream.tombstoned) throw new StreamTombstoned(streamName);
    const current = currentRevision(stream);
    if (!satisfies(expected, current)) {
      throw new WrongExpectedRevision(streamName, current, expected);
    }
    this.streams.set(streamName, stream);
    return stream;
  }

  private write(stream: StreamState, streamName: string, proposed: ProposedEvent): LoggedEvent {
    const event = this.record(streamName, BigInt(stream.events.length), proposed);
    stream.events.push(event);
    return event;
  }

  private record(streamName: string, revision: bigint, proposed: ProposedEvent): LoggedEvent {
    const created = (BigInt(Date.now()) * TICKS_PER_MILLISECOND).toString();
    const event = { ...proposed, streamName, revision, position: this.nextPosition, created };
    this.nextPosition += recordSize(event);
    this.log.push(event);
    return event;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function currentRevision(stream: StreamState): CurrentRevision {
  const last = BigInt(stream.events.length) - 1n;
  return last >= stream.truncateBefore ? last : 'no_stream';
}

function satisfies(expected: ExpectedRevision, current: CurrentRevision): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === 'no_stream';
    case 'stream_exists':
      return current !== 'no_stream';
    default:
      return current === expected;
  }
}

function boundOf(from: ReadFrom): bigint {
  if (from === 'start') return 0n;
  if (from === 'end') return END;
  return from;
}

function select(
  events: readonly LoggedEvent[],
  direction: Direction,
  include: (event: LoggedEvent) => boolean,
  count: bigint,
): LoggedEvent[] {
  const ordered = direction === 'forwards' ? events : [...events].reverse();
  return ordered.filter(include).slice(0, Number(count));
}

function recordSize(event: LoggedEvent): bigint {
  const text = Buffer.byteLength(event.streamName + event.type + event.contentType);
  return RECORD_OVERHEAD + BigInt(text + event.data.length + event.customMetadata.length);
}

function systemEvent(type: string, data?: object): ProposedEvent {
  return {
    id: randomUUID(),
    type,
    contentType: data ? 'application/json' : 'application/octet-stream',
    data: data ? Buffer.from(JSON.stringify(data)) : new Uint8Array(),
    customMetadata: new Uint8Array(),
  };
}
