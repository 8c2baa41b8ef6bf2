// Protobuf <-> EventLog mapping for EventStoreDBTestServer (a test fixture, not product code).
import { Metadata, status, type StatusObject } from '@grpc/grpc-js';
import { createRequire } from 'node:module';
import type * as SharedPb from '@eventstore/db-client/generated/shared_pb.js';
import type * as StreamsGrpcPb from '@eventstore/db-client/generated/streams_grpc_pb.js';
import type * as StreamsPb from '@eventstore/db-client/generated/streams_pb.js';
import { InvalidEventId, MaxAppendSizeExceeded } from './eventstoredb-test-append-rules.js';
import {
  StreamTombstoned,
  WrongExpectedRevision,
  type CurrentRevision,
  type Direction,
  type ExpectedRevision,
  type LoggedEvent,
  type ProposedEvent,
  type ReadFrom,
} from './eventstoredb-test-log.js';

// The client's serializers check `instanceof` against its own CommonJS modules: load the same ones.
const requireCjs = createRequire(import.meta.url);
export const { StreamsService } = requireCjs(
  '@eventstore/db-client/generated/streams_grpc_pb.js',
) as typeof StreamsGrpcPb;
const streams = requireCjs('@eventstore/db-client/generated/streams_pb.js') as typeof StreamsPb;
const shared = requireCjs('@eventstore/db-client/generated/shared_pb.js') as typeof SharedPb;

export type AppendReq = StreamsPb.AppendReq;
export type AppendOptions = StreamsPb.AppendReq.Options;
export type AppendResp = StreamsPb.AppendResp;
export type DeleteReq = StreamsPb.DeleteReq;
export type DeleteResp = StreamsPb.DeleteResp;
export type ReadOptions = StreamsPb.ReadReq.Options;
export type ReadReq = StreamsPb.ReadReq;
export type ReadResp = StreamsPb.ReadResp;
export type StreamReadOptions = StreamsPb.ReadReq.Options.StreamOptions;
export type TombstoneReq = StreamsPb.TombstoneReq;
export type TombstoneResp = StreamsPb.TombstoneResp;

/** The expected-revision oneof shared by Append, Delete and Tombstone options. */
interface ExpectedRevisionOption {
  hasRevision(): boolean;
  getRevision(): string;
  hasNoStream(): boolean;
  hasStreamExists(): boolean;
}

export interface EventSelection {
  accept(event: LoggedEvent): boolean;
  /** Send a checkpoint after this many scanned events (filtered $all subscriptions only). */
  checkpointEvery?: number;
}

// The server's read batch, which stands for the search window when the client sets none.
const DEFAULT_SEARCH_WINDOW = 32;

export function streamNameOf(options: {
  getStreamIdentifier(): SharedPb.StreamIdentifier | undefined;
}): string {
  return Buffer.from(options.getStreamIdentifier()?.getStreamName_asU8() ?? []).toString('utf8');
}

export function expectedRevisionOf(options: ExpectedRevisionOption): ExpectedRevision {
  if (options.hasRevision()) return BigInt(options.getRevision());
  if (options.hasNoStream()) return 'no_stream';
  if (options.hasStreamExists()) return 'stream_exists';
  return 'any';
}

export function proposedEventOf(
  message: StreamsPb.AppendReq.ProposedMessage | StreamsPb.BatchAppendReq.ProposedMessage,
): ProposedEvent {
  const metadata = message.getMetadataMap();
  return {
    id: message.getId()?.getString() ?? '',
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

export function directionOf(options: ReadOptions): Direction {
  const backwards = options.getReadDirection() === streams.ReadReq.Options.ReadDirection.BACKWARDS;
  return backwards ? 'backwards' : 'forwards';
}

export function streamReadFrom(options: StreamReadOptions): ReadFrom {
  if (options.hasRevision()) return BigInt(options.getRevision());
  return options.hasEnd() ? 'end' : 'start';
}

export function allReadFrom(options: StreamsPb.ReadReq.Options.AllOptions): ReadFrom {
  const position = options.getPosition();
  if (position) return BigInt(position.getCommitPosition());
  return options.hasEnd() ? 'end' : 'start';
}

export function filterOf(options: ReadOptions): EventSelection {
  const filter = options.getFilter();
  if (!filter) return { accept: () => true };
  const byEventType = filter.hasEventType();
  const expression = byEventType ? filter.getEventType() : filter.getStreamIdentifier();
  const matches = matcherOf(expression);
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_SEARCH_WINDOW;
  return {
    accept: (event) => matches(byEventType ? event.type : event.streamName),
    checkpointEvery: window * Math.max(1, filter.getCheckpointintervalmultiplier()),
  };
}

function matcherOf(
  expression: StreamsPb.ReadReq.Options.FilterOptions.Expression | undefined,
): (value: string) => boolean {
  const prefixes = expression?.getPrefixList() ?? [];
  if (prefixes.length > 0) return (value) => prefixes.some((prefix) => value.startsWith(prefix));
  const regex = new RegExp(expression?.getRegex() ?? '');
  return (value) => regex.test(value);
}

export function eventResp(event: LoggedEvent): ReadResp {
  const recorded = new streams.ReadResp.ReadEvent.RecordedEvent()
    .setId(new shared.UUID().setString(event.id))
    .setStreamIdentifier(new shared.StreamIdentifier().setStreamName(Buffer.from(event.streamName)))
    .setStreamRevision(event.revision.toString())
    .setPreparePosition(event.position.toString())
    .setCommitPosition(event.position.toString())
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('content-type', event.contentType)
    .set('created', event.created);
  const readEvent = new streams.ReadResp.ReadEvent()
    .setEvent(recorded)
    .setCommitPosition(event.position.toString());
  return new streams.ReadResp().setEvent(readEvent);
}

export function streamNotFoundResp(streamName: string): ReadResp {
  const identifier = new shared.StreamIdentifier().setStreamName(Buffer.from(streamName));
  const notFound = new streams.ReadResp.StreamNotFound().setStreamIdentifier(identifier);
  return new streams.ReadResp().setStreamNotFound(notFound);
}

export function confirmationResp(subscriptionId: string): ReadResp {
  const confirmation = new streams.ReadResp.SubscriptionConfirmation();
  return new streams.ReadResp().setConfirmation(confirmation.setSubscriptionId(subscriptionId));
}

export function caughtUpResp(): ReadResp {
  return new streams.ReadResp().setCaughtUp(new streams.ReadResp.CaughtUp());
}

export function checkpointResp(position: bigint): ReadResp {
  const checkpoint = new streams.ReadResp.Checkpoint()
    .setCommitPosition(position.toString())
    .setPreparePosition(position.toString());
  return new streams.ReadResp().setCheckpoint(checkpoint);
}

export function appendSuccessResp(revision: CurrentRevision, position?: bigint): AppendResp {
  const success = new streams.AppendResp.Success();
  if (revision === 'no_stream') success.setNoStream(new shared.Empty());
  else success.setCurrentRevision(revision.toString());
  if (position === undefined) success.setNoPosition(new shared.Empty());
  else success.setPosition(positionOf(new streams.AppendResp.Position(), position));
  return new streams.AppendResp().setSuccess(success);
}

/** Append reports a wrong expected revision in a successful response, not as a gRPC error. */
export function wrongExpectedVersionResp({ current, expected }: WrongExpectedRevision): AppendResp {
  const wrong = new streams.AppendResp.WrongExpectedVersion();
  if (current === 'no_stream') wrong.setCurrentNoStream(new shared.Empty());
  else wrong.setCurrentRevision(current.toString());
  if (expected === 'any') wrong.setExpectedAny(new shared.Empty());
  else if (expected === 'no_stream') wrong.setExpectedNoStream(new shared.Empty());
  else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new shared.Empty());
  else wrong.setExpectedRevision(expected.toString());
  return new streams.AppendResp().setWrongExpectedVersion(wrong);
}

export function deleteResp(position: bigint): DeleteResp {
  return new streams.DeleteResp().setPosition(
    positionOf(new streams.DeleteResp.Position(), position),
  );
}

export function tombstoneResp(position: bigint): TombstoneResp {
  const grpcPosition = positionOf(new streams.TombstoneResp.Position(), position);
  return new streams.TombstoneResp().setPosition(grpcPosition);
}

function positionOf<
  T extends { setCommitPosition(v: string): T; setPreparePosition(v: string): T },
>(message: T, position: bigint): T {
  return message.setCommitPosition(position.toString()).setPreparePosition(position.toString());
}

// The server's ExpectedVersion constants, which it puts in the `expected-version` trailer.
const EXPECTED_VERSION_CODES = { any: -2n, no_stream: -1n, stream_exists: -4n } as const;

/** The gRPC status the real server sends for these failures, with the trailers the client reads. */
export function errorStatus(error: unknown): Partial<StatusObject> {
  if (error instanceof StreamTombstoned) {
    return failedPrecondition(error.message, {
      exception: 'stream-deleted',
      'stream-name': error.streamName,
    });
  }
  if (error instanceof WrongExpectedRevision) {
    const { streamName, current, expected } = error;
    const expectedCode = typeof expected === 'bigint' ? expected : EXPECTED_VERSION_CODES[expected];
    return failedPrecondition(
      `Operation failed due to WrongExpectedVersion. Stream: ${streamName}`,
      {
        exception: 'wrong-expected-version',
        'stream-name': streamName,
        'expected-version': expectedCode.toString(),
        'actual-version': current === 'no_stream' ? '' : current.toString(),
      },
    );
  }
  if (error instanceof MaxAppendSizeExceeded) {
    return errorWithTrailers(status.INVALID_ARGUMENT, error.message, {
      exception: 'maximum-append-size-exceeded',
      'maximum-append-size': String(error.maxAppendSize),
    });
  }
  // What ASP.NET answers for an exception the server does not map, such as a bad Guid.
  if (error instanceof InvalidEventId) {
    return { code: status.UNKNOWN, details: 'Exception was thrown by handler.' };
  }
  return { code: status.INTERNAL, details: String(error) };
}

function failedPrecondition(
  details: string,
  trailers: Record<string, string>,
): Partial<StatusObject> {
  return errorWithTrailers(status.FAILED_PRECONDITION, details, trailers);
}

function errorWithTrailers(
  code: status,
  details: string,
  trailers: Record<string, string>,
): Partial<StatusObject> {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return { code, details, metadata };
}
