import {
  AccessDeniedError,
  ErrorType,
  MaxAppendSizeExceededError,
  StreamDeletedError as EsdbStreamDeletedError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  AppendTooLargeError,
  ConcurrencyError,
  StoreUnavailableError,
  StreamDeletedError,
} from '../event-store.errors.js';

/**
 * Errors after which the same call may succeed later. Only a refusal of the request itself
 * is permanent; anything else may pass once the cluster is back: the server down or
 * unreachable, a timeout, "Server Is Not Ready" during an election or a leader change (an
 * UnknownError to the client), a failed leader discovery (a plain Error).
 */
export function isTransient(error: unknown): boolean {
  return !(
    error instanceof WrongExpectedVersionError ||
    error instanceof EsdbStreamDeletedError ||
    error instanceof AccessDeniedError ||
    error instanceof MaxAppendSizeExceededError
  );
}

/** The client found no leader in the cluster's gossip (client 6.2.1 throws a plain Error). */
export function isDiscoveryFailure(error: unknown): boolean {
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && /^Failed to discover after \d+ attempts/.test(message);
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
