import type { EventType } from '../../../src/events/event-types.js';
import type { JsonObject } from '../../../src/eventstore/event-store.port.js';
import { loadFixture, type FixtureType } from '../../fixtures/webhooks/index.js';

/** Something Qualified would send a webhook for, and when it happened (ms since the epoch). */
export interface Happening {
  at: number;
  type: EventType;
  data: JsonObject & { id: string };
}

/** The happenings of a generated history, in the order they were generated. */
export class Happenings {
  readonly all: Happening[] = [];

  add(at: number, type: EventType, data: JsonObject & { id: string }): void {
    this.all.push({ at, type, data });
  }

  get count(): number {
    return this.all.length;
  }
}

const templates = new Map<FixtureType, JsonObject>();

/** A fresh copy of a fixture's data, to fill in: generated payloads have the fixtures' shape. */
export function template(type: FixtureType): JsonObject {
  let data = templates.get(type);
  if (!data) {
    data = loadFixture(type).data as JsonObject;
    templates.set(type, data);
  }
  return structuredClone(data);
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
