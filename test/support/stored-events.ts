import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import {
  DeliveryEventType,
  UNRECOGNISED_EVENTS_STREAM,
} from '../../src/events/delivery-event-types.js';
import { EVENT_RESOURCE, streamFor } from '../../src/events/event-catalog.js';
import type { EventType } from '../../src/events/event-types.js';
import type { JsonObject } from '../../src/eventstore/event-store.port.js';
import { loadFixture, type FixtureType, type WebhookFixture } from '../fixtures/webhooks/index.js';

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

/** Changes to a payload: objects merge field by field, anything else replaces. */
export type Patch<T> = { [K in keyof T]?: T[K] extends unknown[] ? T[K] : Patch<T[K]> | T[K] };

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
  const hash = sha256(canonicalize(body) ?? '');
  const eventName = body.event;
  const type = DeliveryEventType.Unrecognised;
  return delivered(UNRECOGNISED_EVENTS_STREAM, type, body, hash, { ...options, eventName });
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

/** A delivery of the fixture of `type`, its data changed by `patch`. */
export function fixtureEvent<T extends FixtureType>(
  type: T,
  options: DeliveryOptions & { patch?: Patch<WebhookFixture<T>['data']> },
): StoredEvent {
  const data = merge(loadFixture(type).data, options.patch ?? {}) as JsonObject & { id: string };
  return storedEvent(type, data, options);
}

/** The same content delivered again: a Qualified retry, a re-send, or another subscription. */
export function redelivery(event: StoredEvent, options: DeliveryOptions): StoredEvent {
  const eventName = options.eventName ?? String(event.metadata.eventName);
  const hash = String(event.metadata.contentHash);
  return delivered(event.stream, event.type, event.data, hash, { ...options, eventName });
}

/** As ingestion computes it: identical for identical type and data. */
export function contentHash(type: string, data: unknown): string {
  return sha256(canonicalize({ event: type, data }) ?? '');
}

function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

function merge(base: unknown, patch: unknown): unknown {
  if (!isObject(base) || !isObject(patch)) return structuredClone(patch);
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    merged[key] = key in base ? merge(base[key], value) : structuredClone(value);
  }
  return merged;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function counterUuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}
