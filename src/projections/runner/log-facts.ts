import type { EventStore, RecordedEvent } from '../../eventstore/event-store.port.js';
import type { Position } from '../../eventstore/position.js';

/** When the ledger received an event: its metadata's receivedAt, else when it was stored. */
export function eventTime(event: RecordedEvent): string {
  const receivedAt = event.metadata.receivedAt;
  return typeof receivedAt === 'string' && !Number.isNaN(Date.parse(receivedAt))
    ? receivedAt
    : event.createdAt.toISOString();
}

/** The event stored at exactly this position, if any. */
export async function eventAt(
  store: EventStore,
  position: Position,
): Promise<RecordedEvent | undefined> {
  const [event] = await store.readAll({ from: position, limit: 1 });
  return event?.position.equals(position) ? event : undefined;
}

/**
 * How many events lie after `from` up to `to`; null when the store's positions are not
 * event counts (EventStoreDB positions are byte offsets).
 */
export function eventsBetween(
  from: Position | undefined,
  to: Position | undefined,
  positionsCountEvents: boolean,
): number | null {
  if (!to) return 0;
  if (!positionsCountEvents) return null;
  const count = to.commit - (from?.commit ?? 0n);
  return count > 0n ? Number(count) : 0;
}
