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
