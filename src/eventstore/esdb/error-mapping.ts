import {
  CancelledError,
  DeadlineExceededError,
  ErrorType,
  NotLeaderError,
  StreamDeletedError as EsdbStreamDeletedError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  ConcurrencyError,
  StoreUnavailableError,
  StreamDeletedError,
} from '../event-store.errors.js';

/** Errors after which the same call may succeed later: the server or the network was down. */
export function isTransient(error: unknown): boolean {
  return (
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
