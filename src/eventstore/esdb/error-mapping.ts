import {
  CancelledError,
  DeadlineExceededError,
  ErrorType,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError as EsdbStreamDeletedError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  AppendTooLargeError,
  ConcurrencyError,
  StoreUnavailableError,
  StreamDeletedError,
} from '../event-store.errors.js';

const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

/** Errors after which the same call may succeed later: the server or the network was down. */
export function isTransient(error: unknown): boolean {
  // Appends sometimes surface the raw gRPC status instead of the client's error class.
  const code = (error as { code?: unknown })?.code;
  return (
    code === GRPC_UNAVAILABLE ||
    code === GRPC_DEADLINE_EXCEEDED ||
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError ||
    error instanceof CancelledError ||
    error instanceof StoreUnavailableError
  );
}

/** Translates the client's errors into the port's. */
export function toPortError(error: unknown): unknown {
  if (error instanceof WrongExpectedVersionError) {
    return new ConcurrencyError(error.streamName, error.expectedVersion, error.actualVersion);
  }
  if (error instanceof EsdbStreamDeletedError) return new StreamDeletedError(error.streamName);
  if (error instanceof MaxAppendSizeExceededError)
    return new AppendTooLargeError(error.maxAppendSize);
  if (isTransient(error)) {
    return new StoreUnavailableError(`EventStoreDB is unavailable: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return error;
}

export function isStreamNotFound(error: unknown): boolean {
  return (error as { type?: unknown })?.type === ErrorType.STREAM_NOT_FOUND;
}
