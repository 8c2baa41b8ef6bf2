// Streams.BatchAppend for EventStoreDBTestServer (a test fixture, not product code).
import type { handleBidiStreamingCall } from '@grpc/grpc-js';
import { createRequire } from 'node:module';
import type * as CodePb from '@eventstore/db-client/generated/code_pb.js';
import type * as SharedPb from '@eventstore/db-client/generated/shared_pb.js';
import type * as StatusPb from '@eventstore/db-client/generated/status_pb.js';
import type * as StreamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type { AppendGate } from './eventstoredb-test-append-gate.js';
import { MaxAppendSizeExceeded } from './eventstoredb-test-append-rules.js';
import {
  StreamTombstoned,
  WrongExpectedRevision,
  type CurrentRevision,
  type EventLog,
  type ProposedEvent,
} from './eventstoredb-test-log.js';
import { expectedRevisionOf, proposedEventOf, streamNameOf } from './eventstoredb-test-protocol.js';

// The client's serializers check `instanceof` against its own CommonJS modules: load the same ones.
const requireCjs = createRequire(import.meta.url);
const streams = requireCjs('@eventstore/db-client/generated/streams_pb.js') as typeof StreamsPb;
const shared = requireCjs('@eventstore/db-client/generated/shared_pb.js') as typeof SharedPb;
const rpc = requireCjs('@eventstore/db-client/generated/status_pb.js') as typeof StatusPb;
const { Code } = requireCjs('@eventstore/db-client/generated/code_pb.js') as typeof CodePb;
type Any = NonNullable<ReturnType<StatusPb.Status['getDetails']>>;
type Empty = NonNullable<ReturnType<StreamsPb.BatchAppendResp['getNoStream']>>;
const { Any } = requireCjs('google-protobuf/google/protobuf/any_pb.js') as { Any: new () => Any };
const { Empty } = requireCjs('google-protobuf/google/protobuf/empty_pb.js') as {
  Empty: new () => Empty;
};

type BatchAppendReq = StreamsPb.BatchAppendReq;
type BatchAppendResp = StreamsPb.BatchAppendResp;
type BatchOptions = StreamsPb.BatchAppendReq.Options;

interface Batch {
  options: BatchOptions;
  proposed: ProposedEvent[];
}

/**
 * One bidirectional call carries all of a client's appends, each a run of requests with one
 * correlation id: the first with the options, the last marked final. Each append is answered
 * on the same call, by correlation id, as soon as it is carried out. Failures are answered
 * as a google.rpc.Status with the server's detail messages, not as gRPC errors.
 */
export function batchAppendHandler(
  log: EventLog,
  gate: AppendGate,
): handleBidiStreamingCall<BatchAppendReq, BatchAppendResp> {
  return (call) => {
    const batches = new Map<string, Batch>();
    call.on('data', (request: BatchAppendReq) => {
      const correlationId = request.getCorrelationId();
      const key = correlationId?.getString() ?? '';
      const options = request.getOptions();
      if (options) batches.set(key, { options, proposed: [] });
      const batch = batches.get(key);
      if (!batch) return;
      batch.proposed.push(...request.getProposedMessagesList().map(proposedEventOf));
      if (!request.getIsFinal()) return;
      batches.delete(key);
      gate.submit('batchAppend', () => {
        const response = batchAppendResult(log, batch)
          .setCorrelationId(correlationId)
          .setStreamIdentifier(batch.options.getStreamIdentifier());
        if (!call.cancelled && !call.writableEnded) call.write(response);
      });
    });
    call.on('end', () => call.end());
  };
}

function batchAppendResult(log: EventLog, { options, proposed }: Batch): BatchAppendResp {
  try {
    const { revision, position } = log.append(
      streamNameOf(options),
      expectedRevisionOf(expectedOptionOf(options)),
      proposed,
    );
    return new streams.BatchAppendResp().setSuccess(success(revision, position));
  } catch (error) {
    return new streams.BatchAppendResp().setError(statusOf(error));
  }
}

/** BatchAppend names the exact expected revision a stream position. */
function expectedOptionOf(options: BatchOptions) {
  return {
    hasRevision: () => options.hasStreamPosition(),
    getRevision: () => options.getStreamPosition(),
    hasNoStream: () => options.hasNoStream(),
    hasStreamExists: () => options.hasStreamExists(),
  };
}

function success(revision: CurrentRevision, position?: bigint) {
  const success = new streams.BatchAppendResp.Success();
  if (revision === 'no_stream') success.setNoStream(new Empty());
  else success.setCurrentRevision(revision.toString());
  if (position === undefined) return success.setNoPosition(new Empty());
  const allPosition = new shared.AllStreamPosition()
    .setCommitPosition(position.toString())
    .setPreparePosition(position.toString());
  return success.setPosition(allPosition);
}

/** The status a real server answers, with the detail message the client unpacks by type. */
function statusOf(error: unknown): StatusPb.Status {
  if (error instanceof WrongExpectedRevision) {
    return status(Code.ALREADY_EXISTS, 'WrongExpectedVersion', wrongExpectedVersionOf(error));
  }
  if (error instanceof StreamTombstoned) {
    const identifier = new shared.StreamIdentifier().setStreamName(Buffer.from(error.streamName));
    const deleted = new shared.StreamDeleted().setStreamIdentifier(identifier);
    return status(Code.NOT_FOUND, 'StreamDeleted', deleted);
  }
  if (error instanceof MaxAppendSizeExceeded) {
    const exceeded = new shared.MaximumAppendSizeExceeded().setMaxappendsize(error.maxAppendSize);
    return status(Code.INVALID_ARGUMENT, 'MaximumAppendSizeExceeded', exceeded);
  }
  const badRequest = new shared.BadRequest().setMessage(String(error));
  return status(Code.INVALID_ARGUMENT, 'BadRequest', badRequest);
}

function status(code: CodePb.Code, name: string, details: { serializeBinary(): Uint8Array }) {
  const packed = new Any();
  packed.pack(details.serializeBinary(), `event_store.client.${name}`);
  return new rpc.Status().setCode(code).setMessage(name).setDetails(packed);
}

function wrongExpectedVersionOf({ current, expected }: WrongExpectedRevision) {
  const wrong = new shared.WrongExpectedVersion();
  if (current === 'no_stream') wrong.setCurrentNoStream(new Empty());
  else wrong.setCurrentStreamRevision(current.toString());
  if (expected === 'any') wrong.setExpectedAny(new Empty());
  else if (expected === 'no_stream') wrong.setExpectedNoStream(new Empty());
  else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
  else wrong.setExpectedStreamPosition(expected.toString());
  return wrong;
}
