import type { JsonObject } from '../../src/eventstore/event-store.port.js';
import {
  storedEvent,
  type DeliveryOptions,
  type StoredEvent,
} from '../../src/simulation/stored-events.js';
import { loadFixture, type FixtureType, type WebhookFixture } from '../fixtures/webhooks/index.js';

/** Changes to a payload: objects merge field by field, anything else replaces. */
export type Patch<T> = { [K in keyof T]?: T[K] extends unknown[] ? T[K] : Patch<T[K]> | T[K] };

/** A delivery of the fixture of `type`, its data changed by `patch`. */
export function fixtureEvent<T extends FixtureType>(
  type: T,
  options: DeliveryOptions & { patch?: Patch<WebhookFixture<T>['data']> },
): StoredEvent {
  const data = merge(loadFixture(type).data, options.patch ?? {}) as JsonObject & { id: string };
  return storedEvent(type, data, options);
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
