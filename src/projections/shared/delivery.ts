import type { RecordedEvent } from '../../eventstore/event-store.port.js';
import { toQualifiedEvent, type QualifiedEvent } from '../../events/qualified-event.js';
import type { SqlExecutor } from '../../readstore/read-store.port.js';

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

/** The table in which a projection remembers each delivery it applied, by stream and content. */
export function appliedDeliveriesSchema(table: string): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${table} (
      stream TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      event_id TEXT NOT NULL,
      PRIMARY KEY (stream, content_hash)
    ) WITHOUT ROWID`,
  ];
}

/**
 * The delivery a stored event records when the projection has not yet applied the same
 * content for the same stream; undefined for repeats and for events that are not Qualified's.
 */
export async function firstDelivery(
  recorded: RecordedEvent,
  tx: SqlExecutor,
  appliedTable: string,
): Promise<Delivery | undefined> {
  const delivery = toDelivery(recorded);
  if (!delivery) return undefined;
  const { changes } = await tx.execute(
    `INSERT INTO ${appliedTable} (stream, content_hash, event_id) VALUES (?, ?, ?)
     ON CONFLICT (stream, content_hash) DO NOTHING`,
    [delivery.stream, delivery.contentHash, delivery.id],
  );
  return changes === 1 ? delivery : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
