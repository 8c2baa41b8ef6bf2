import type { RecordedEvent } from '../../eventstore/event-store.port.js';
import { toQualifiedEvent, type QualifiedEvent } from '../../events/qualified-event.js';

/** A stored Qualified event with the facts of its delivery that projections use. */
export interface Delivery {
  readonly event: QualifiedEvent;
  readonly id: string;
  readonly stream: string;
  /** When the ledger received it: the only clock a projection reads. */
  readonly receivedAt: string;
  /** The event name exactly as the sender spelled it (dotted, deprecated or current). */
  readonly eventName: string;
  /** Identical for repeated deliveries of the same type and data. */
  readonly contentHash: string;
}

/** Every projection reads the same event objects; each delivery is worked out once. */
const deliveries = new WeakMap<RecordedEvent, Delivery | undefined>();

/** The delivery a stored event records, or undefined when it is not a Qualified event. */
export function toDelivery(recorded: RecordedEvent): Delivery | undefined {
  if (!deliveries.has(recorded)) deliveries.set(recorded, readDelivery(recorded));
  return deliveries.get(recorded);
}

function readDelivery(recorded: RecordedEvent): Delivery | undefined {
  const event = toQualifiedEvent(recorded);
  if (!event) return undefined;
  const { metadata } = recorded;
  return {
    event,
    id: recorded.id,
    stream: recorded.stream,
    // The store's write time is as deterministic as receivedAt, and only stands in for it
    // in events written without one.
    receivedAt: text(metadata.receivedAt) ?? recorded.createdAt.toISOString(),
    eventName: text(metadata.eventName) ?? recorded.type,
    contentHash: text(metadata.contentHash) ?? `event:${recorded.id}`,
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
