import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import {
  DeliveryEventType,
  REJECTED_DELIVERIES_STREAM,
  UNRECOGNISED_EVENTS_STREAM,
} from '../../events/delivery-event-types.js';
import type { NewEvent } from '../../eventstore/event-store.port.js';
import type { Classified } from './classify-delivery.js';

/** What the HTTP request told us besides its body. */
export interface DeliveryFacts {
  deliveryId: string;
  receivedAt: Date;
  body: Buffer;
  contentType?: string;
  tokenName?: string;
  userAgent?: string;
}

export interface DeliveryRecord {
  stream: string;
  event: NewEvent;
}

const SCHEMA_VERSION = 1;
// A byte order mark is kept: the raw body must be replayable byte for byte.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The event a delivery is stored as. The content hash identifies what was sent, so that
 * repeats of one delivery (Qualified retries and re-sends) can be recognised.
 */
export function toDeliveryRecord(classified: Classified, facts: DeliveryFacts): DeliveryRecord {
  const common = {
    schemaVersion: SCHEMA_VERSION,
    deliveryId: facts.deliveryId,
    receivedAt: facts.receivedAt.toISOString(),
    tokenName: facts.tokenName ?? null,
    userAgent: facts.userAgent ?? null,
  };
  const event = (type: string, data: unknown, metadata: Record<string, unknown>) => ({
    id: facts.deliveryId,
    type,
    data,
    metadata: { ...common, ...metadata },
  });

  switch (classified.outcome) {
    case 'recognised': {
      const { type, data, eventName, extras } = classified;
      const kept = Object.keys(extras).length > 0 ? { envelopeExtras: extras } : {};
      return {
        stream: classified.stream,
        event: event(type, data, {
          eventName,
          contentHash: hashJson({ event: type, data }),
          ...kept,
        }),
      };
    }
    case 'unrecognised':
      return {
        stream: UNRECOGNISED_EVENTS_STREAM,
        event: event(DeliveryEventType.Unrecognised, classified.body, {
          eventName: classified.eventName,
          contentHash: hashJson(classified.body),
        }),
      };
    case 'rejected':
      return {
        stream: REJECTED_DELIVERIES_STREAM,
        event: event(
          DeliveryEventType.Rejected,
          {
            status: classified.status,
            reason: classified.message,
            errors: classified.errors,
            contentType: facts.contentType ?? null,
            ...encodeBody(facts.body),
          },
          { eventName: classified.eventName ?? null, contentHash: hash(facts.body) },
        ),
      };
  }
}

/** The raw body as text when it is UTF-8, else as base64, so any bytes can be replayed. */
function encodeBody(body: Buffer): { body: string; bodyEncoding: 'utf8' | 'base64' } {
  try {
    return { body: utf8.decode(body), bodyEncoding: 'utf8' };
  } catch {
    return { body: body.toString('base64'), bodyEncoding: 'base64' };
  }
}

/** The content hash ingestion records: sha256 of the canonical JSON. */
export function hashJson(value: unknown): string {
  return hash(canonicalize(value) ?? '');
}

function hash(content: string | Buffer): string {
  return `sha256:${createHash('sha256').update(content).digest('hex')}`;
}
