import type { EventType } from '../../events/event-types.js';
import type { JsonObject } from '../../eventstore/event-store.port.js';

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

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
