import type { ExpectedRevision } from './event-store.port.js';

/** The stream was not at the revision the caller expected; nothing was written. */
export class ConcurrencyError extends Error {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's last revision, or 'no_stream' when it does not exist. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(`Stream "${stream}" was expected at ${describe(expected)} but is at ${describe(actual)}`);
    this.name = 'ConcurrencyError';
  }
}

/** The stream was deleted (tombstoned) and can be neither read nor written. */
export class StreamDeletedError extends Error {
  constructor(readonly stream: string) {
    super(`Stream "${stream}" has been deleted`);
    this.name = 'StreamDeletedError';
  }
}

/**
 * The append is larger than the store takes: EventStoreDB refuses more than `maxBytes` in one
 * append, counted as the data, metadata and twice the type's length of each event. Retrying
 * cannot help; nothing was written.
 */
export class AppendTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The append is larger than the event store takes (${maxBytes} bytes at most)`);
    this.name = 'AppendTooLargeError';
  }
}

/** The store could not be reached or could not complete the operation; retry later. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

function describe(revision: ExpectedRevision | bigint): string {
  return typeof revision === 'bigint' ? `revision ${revision}` : revision;
}
