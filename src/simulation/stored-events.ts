import { DeliveryEventType, UNRECOGNISED_EVENTS_STREAM } from '../events/delivery-event-types.js';
import { EVENT_RESOURCE, streamFor } from '../events/event-catalog.js';
import type { EventType } from '../events/event-types.js';
import type { JsonObject } from '../eventstore/event-store.port.js';
import { hashJson } from '../ingest/delivery/delivery-record.js';

/** An event as ingestion stores it: appended to `stream` with this id, type, data and metadata. */
export interface StoredEvent {
  id: string;
  stream: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
}

export interface DeliveryOptions {
  /** ISO-8601: when the ledger received the delivery. */
  receivedAt: string;
  /** The name the sender used; the stored type when omitted. */
  eventName?: string;
  /** Unique per delivery; a counter-based UUID when omitted. */
  deliveryId?: string;
}

let deliveries = 0;

/** The stored form of one delivery, with the metadata ingestion writes (schema version 1). */
export function storedEvent(
  type: EventType,
  data: JsonObject & { id: string },
  options: DeliveryOptions,
): StoredEvent {
  const stream = streamFor(EVENT_RESOURCE[type], data.id);
  const eventName = options.eventName ?? type;
  return delivered(stream, type, data, contentHash(type, data), { ...options, eventName });
}

/** A well-formed webhook whose event name the ledger does not know, kept for a later version. */
export function unrecognisedDelivery(
  body: { event: string; data: JsonObject },
  options: DeliveryOptions,
): StoredEvent {
  const eventName = body.event;
  const type = DeliveryEventType.Unrecognised;
  return delivered(UNRECOGNISED_EVENTS_STREAM, type, body, hashJson(body), {
    ...options,
    eventName,
  });
}

/** The same content delivered again: a Qualified retry, a re-send, or another subscription. */
export function redelivery(event: StoredEvent, options: DeliveryOptions): StoredEvent {
  const eventName = options.eventName ?? String(event.metadata.eventName);
  const hash = String(event.metadata.contentHash);
  return delivered(event.stream, event.type, event.data, hash, { ...options, eventName });
}

/** As ingestion computes it: identical for identical type and data. */
export function contentHash(type: string, data: unknown): string {
  return hashJson({ event: type, data });
}

function delivered(
  stream: string,
  type: string,
  data: JsonObject,
  hash: string,
  options: DeliveryOptions & { eventName: string },
): StoredEvent {
  const id = options.deliveryId ?? counterUuid(++deliveries);
  return {
    id,
    stream,
    type,
    data,
    metadata: {
      schemaVersion: 1,
      deliveryId: id,
      receivedAt: options.receivedAt,
      tokenName: 'default',
      userAgent: 'Qualified-Webhooks/1.0',
      eventName: options.eventName,
      contentHash: hash,
    },
  };
}

function counterUuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}
