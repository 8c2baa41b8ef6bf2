import type { RecordedEvent } from '../../src/eventstore/event-store.port.js';
import type { SqlExecutor } from '../../src/readstore/read-store.port.js';
import { EventFailure, type Projection } from '../../src/projections/projection.js';

/** Runs before each apply, with the physical table it writes; may throw or write itself. */
export type ApplyHook = (
  event: RecordedEvent,
  tx: SqlExecutor,
  table: string,
) => void | Promise<void>;

export interface CountingOptions {
  name?: string;
  version?: number;
  eventTypes?: string[];
  hook?: ApplyHook;
}

export interface CountRow {
  stream: string;
  events: number;
  points: number;
}

/**
 * A test read model, one table `<name>_by_stream`: per stream, its events and points; each
 * event is worth `version` points, so that versions build different tables. Applying an
 * event twice or skipping one changes the table.
 */
export function countingProjection(options: CountingOptions = {}): Projection {
  const { name = 'counts', version = 1, eventTypes = ['counted'], hook } = options;
  const table = countsTable(name);
  return {
    name,
    version,
    eventTypes,
    tables: [table],
    schema: (tables) => [
      `CREATE TABLE ${tables[table]} (
         stream TEXT PRIMARY KEY, events INTEGER NOT NULL, points INTEGER NOT NULL)`,
    ],
    indexes: (tables) => [
      `CREATE INDEX IF NOT EXISTS ${tables[table]}_by_events ON ${tables[table]} (events)`,
    ],
    writer: (tables) => ({
      async apply(tx, events) {
        for (const [index, event] of events.entries()) {
          if (!eventTypes.includes(event.type)) continue;
          try {
            await hook?.(event, tx, tables[table]);
          } catch (error) {
            throw new EventFailure(index, error);
          }
          await tx.execute(
            `INSERT INTO ${tables[table]} (stream, events, points) VALUES (?, 1, ?)
             ON CONFLICT (stream) DO UPDATE SET events = events + 1, points = points + excluded.points`,
            [event.stream, version],
          );
        }
      },
      committed: () => undefined,
    }),
  };
}

export function countsTable(projection: string): string {
  return `${projection}_by_stream`;
}

/** True for the live table of a counting projection, false for a rebuild's shadow table. */
export function isLive(table: string): boolean {
  return !table.includes('__');
}
