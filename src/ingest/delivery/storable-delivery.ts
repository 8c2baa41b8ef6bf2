import type { NewEvent } from '../../eventstore/event-store.port.js';
import { classifyDelivery, type Classified } from './classify-delivery.js';
import type { JsonLimits } from './json-shape.js';
import { toDeliveryRecord, type DeliveryFacts, type DeliveryRecord } from './delivery-record.js';

/**
 * The largest event kept: EventStoreDB refuses an append over 1 MiB (its default
 * MaxAppendSize), counted as the data, the metadata and twice the type's length.
 */
export const MAX_STORED_EVENT_BYTES = 1_048_576;

export interface StorableDelivery {
  classified: Classified;
  record: DeliveryRecord;
}

/**
 * What a delivery is and the event it is stored as, which the event store always takes. A
 * body within WEBHOOK_BODY_LIMIT can still make a larger event: a rejected body is stored
 * as base64 or escaped text, larger than itself. Such a delivery is answered 413 and kept
 * as a rejected delivery holding the first bytes of its body, flagged `bodyTruncated`, with
 * its size (`bodyBytes`) and, as for every rejected delivery, its SHA-256 (`contentHash`).
 */
export function storableDelivery(facts: DeliveryFacts, limits: JsonLimits): StorableDelivery {
  const classified = classifyDelivery(facts.body, facts.contentType, limits);
  const record = toDeliveryRecord(classified, facts);
  const size = storedSize(record.event);
  if (size <= MAX_STORED_EVENT_BYTES) return { classified, record };
  const tooLarge = {
    outcome: 'rejected' as const,
    status: 413 as const,
    message: `The delivery is too large to store whole: its event would take ${size} bytes, the event store takes ${MAX_STORED_EVENT_BYTES} at most. Its first bytes are kept (base64), with its size and SHA-256.`,
    errors: [],
  };
  return { classified: tooLarge, record: truncated(toDeliveryRecord(tooLarge, facts), facts.body) };
}

/** Bytes EventStoreDB counts for the event, which the adapter writes as JSON. */
export function storedSize(event: NewEvent): number {
  const json = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
  return json(event.data) + json(event.metadata) + 2 * event.type.length;
}

/** The rejected delivery with as much of the body as fits, in base64 (4 characters per 3 bytes). */
function truncated({ stream, event }: DeliveryRecord, body: Buffer): DeliveryRecord {
  const data = {
    ...(event.data as Record<string, unknown>),
    body: '',
    bodyEncoding: 'base64',
    bodyTruncated: true,
    bodyBytes: body.length,
  };
  const room = MAX_STORED_EVENT_BYTES - storedSize({ ...event, data });
  const kept = body.subarray(0, Math.max(0, Math.floor(room / 4) * 3));
  return { stream, event: { ...event, data: { ...data, body: kept.toString('base64') } } };
}
