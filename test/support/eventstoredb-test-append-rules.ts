// What EventStoreDB checks of an append before it writes anything (a test fixture, not product code).
import type { ProposedEvent } from './eventstoredb-test-log.js';

/** The server's largest append by default (`MaxAppendSize`: 1 MiB). */
export const MAX_APPEND_SIZE = 1_048_576;

export class MaxAppendSizeExceeded extends Error {
  constructor(readonly maxAppendSize: number) {
    super(`Maximum Append Size of ${maxAppendSize} Exceeded.`);
  }
}

/** The server reads event ids as .NET Guids: another string fails the append. */
export class InvalidEventId extends Error {
  constructor(readonly id: string) {
    super(`Event id "${id}" is not a UUID`);
  }
}

const DASHED = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/i;

/**
 * The events as the server writes them, or the error it refuses them with: every id a UUID
 * other than the nil one (written in its canonical form), and the whole append at most
 * MAX_APPEND_SIZE, counted as the server counts (`Event.SizeOnDisk`): data bytes, metadata
 * bytes and twice the type's length in UTF-16 units, for each event.
 */
export function checkAppend(proposed: readonly ProposedEvent[]): ProposedEvent[] {
  const size = proposed.reduce(
    (sum, event) => sum + event.data.length + event.customMetadata.length + 2 * event.type.length,
    0,
  );
  if (size > MAX_APPEND_SIZE) throw new MaxAppendSizeExceeded(MAX_APPEND_SIZE);
  return proposed.map((event) => ({ ...event, id: canonicalUuid(event.id) }));
}

function canonicalUuid(id: string): string {
  const hex = id.replace(DASHED, '$1$2$3$4$5').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex) || /^0+$/.test(hex)) throw new InvalidEventId(id);
  return hex.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
}
