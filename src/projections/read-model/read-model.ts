import { EVENT_RESOURCE } from '../../events/event-catalog.js';
import { EVENT_TYPES, type EventType } from '../../events/event-types.js';
import type { QualifiedEventOf, ResourceData } from '../../events/qualified-event.js';
import type { RecordedEvent } from '../../eventstore/event-store.port.js';
import type { SqlExecutor } from '../../readstore/read-store.port.js';
import {
  BatchFailure,
  EventFailure,
  type BatchFacts,
  type BatchWriter,
  type Projection,
  type TableNames,
} from '../projection.js';
import { toDelivery, type Delivery } from '../shared/delivery.js';
import { BatchRows, type KnownRows, type Need, type Rows, type TableSet } from './batch-rows.js';

/**
 * What one event type does to a read model. `needs` names every row `evolve` reads: those
 * the payload names, and those that known rows it names point to (it is asked again once
 * they are loaded, until it names nothing new). `evolve` only computes: no I/O, no clock.
 */
export interface Handler<T extends TableSet, D> {
  needs(delivery: Delivery, data: D, known: KnownRows<T>): Need<T>[];
  evolve(delivery: Delivery, data: D, rows: Rows<T>): void;
}

export type Handlers<T extends TableSet> = {
  [E in EventType]?: Handler<T, QualifiedEventOf<E>['data']>;
};

/** The same handler for every event type of one resource kind. */
export function onResource<T extends TableSet, R extends keyof ResourceData>(
  resource: R,
  handler: Handler<T, ResourceData[R]>,
): Handlers<T> {
  const types = EVENT_TYPES.filter((type) => EVENT_RESOURCE[type] === resource);
  return Object.fromEntries(types.map((type) => [type, handler]));
}

export interface ReadModelSpec<T extends TableSet> {
  name: string;
  version: number;
  tables: T;
  handlers: Handlers<T>;
}

/** Rounds of `needs` before a batch gives up: each follows references one step further. */
const MAX_LOAD_ROUNDS = 4;

/**
 * A read model declared once: its tables and a handler per event type. The engine loads the
 * rows a batch needs in bulk, evolves them in memory and writes back only the changed rows,
 * in the batch's transaction. Repeated deliveries are skipped.
 */
export function defineReadModel<T extends TableSet>(
  spec: ReadModelSpec<T>,
): Projection<keyof T & string> {
  return {
    name: spec.name,
    version: spec.version,
    eventTypes: Object.keys(spec.handlers),
    tables: Object.keys(spec.tables),
    schema: (names) =>
      Object.entries(spec.tables).flatMap(([table, declared]) =>
        declared.schema(names[table as keyof T & string]),
      ),
    indexes: (names) =>
      Object.entries(spec.tables).flatMap(([table, declared]) =>
        declared.indexSchema(names[table as keyof T & string]),
      ),
    writer: (names) => new ReadModelWriter(spec, names),
  };
}

interface Step {
  index: number;
  delivery: Delivery;
  handler: Handler<TableSet, unknown>;
}

class ReadModelWriter<T extends TableSet> implements BatchWriter {
  private readonly rows: BatchRows<T>;

  constructor(
    private readonly spec: ReadModelSpec<T>,
    names: TableNames,
  ) {
    this.rows = new BatchRows(spec.tables, names);
  }

  async apply(tx: SqlExecutor, events: readonly RecordedEvent[], facts: BatchFacts): Promise<void> {
    this.rows.begin();
    const steps = this.steps(events, facts);
    await this.load(tx, steps);
    for (const { index, delivery, handler } of steps) {
      try {
        handler.evolve(delivery, delivery.event.data, this.rows as unknown as Rows<TableSet>);
      } catch (error) {
        throw new EventFailure(index, error);
      }
    }
    try {
      await this.rows.flush(tx);
    } catch (error) {
      throw new BatchFailure(error);
    }
  }

  committed(): void {
    this.rows.committed();
  }

  private steps(events: readonly RecordedEvent[], facts: BatchFacts): Step[] {
    const steps: Step[] = [];
    for (const [index, event] of events.entries()) {
      const handler = this.spec.handlers[event.type as EventType] as Step['handler'] | undefined;
      const delivery = handler && facts.isFirstDelivery(event) ? toDelivery(event) : undefined;
      if (handler && delivery) steps.push({ index, delivery, handler });
    }
    return steps;
  }

  /** Loads what the steps need, round after round, until they name nothing new. */
  private async load(tx: SqlExecutor, steps: Step[]): Promise<void> {
    const known: KnownRows<TableSet> = { get: (table, key) => this.rows.known(table, key) };
    for (let round = 0; round < MAX_LOAD_ROUNDS; round += 1) {
      const needs: Need<T>[] = [];
      for (const { index, delivery, handler } of steps) {
        try {
          needs.push(...(handler.needs(delivery, delivery.event.data, known) as Need<T>[]));
        } catch (error) {
          throw new EventFailure(index, error);
        }
      }
      if ((await this.rows.load(tx, needs)) === 0) return;
    }
  }
}
