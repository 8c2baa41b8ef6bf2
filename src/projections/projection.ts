import type { RecordedEvent } from '../eventstore/event-store.port.js';
import type { SqlExecutor } from '../readstore/read-store.port.js';

/**
 * The physical names of a projection's tables, by logical name. Live tables carry their
 * logical names; a rebuild writes the same logical tables under other names beside them.
 */
export type TableNames<T extends string = string> = Readonly<Record<T, string>>;

/**
 * A read model built from the log. The runner feeds it events in log order, in batches, and
 * commits each batch's writes with the projection's checkpoint in one transaction.
 */
export interface Projection<T extends string = string> {
  /** Stable name (kebab-case), used for checkpoints, status and the API. */
  readonly name: string;
  /** Raising it rebuilds the projection from the start of the log on the next start. */
  readonly version: number;
  /** The stored event types it handles; other events only advance its checkpoint. */
  readonly eventTypes: readonly string[];
  /** Its tables, by logical name; the live tables are named exactly so. */
  readonly tables: readonly T[];
  /** Statements that create its tables under the given names. */
  schema(tables: TableNames<T>): string[];
  /**
   * Statements that create its secondary indexes on the tables of the given names (index
   * names derived from them). A build from scratch creates them once it has caught up.
   */
  indexes(tables: TableNames<T>): string[];
  /** A writer of its tables under the given names; it may keep rows it read between batches. */
  writer(tables: TableNames<T>): BatchWriter;
}

/** The facts about a batch that every projection shares, worked out once. */
export interface BatchFacts {
  /** Whether the event is the first delivery of its content to its stream (repeats change nothing). */
  isFirstDelivery(event: RecordedEvent): boolean;
}

/**
 * Applies batches to one set of a projection's tables. Deterministic: no clock but the
 * events' `metadata.receivedAt`, no randomness, so a rebuild produces exactly the tables
 * that live projection did.
 */
export interface BatchWriter {
  /**
   * Applies the events (of the projection's types, in log order) in the caller's
   * transaction; throws an EventFailure naming the event when one cannot be applied, a
   * BatchFailure when the batch's writes fail.
   */
  apply(tx: SqlExecutor, events: readonly RecordedEvent[], facts: BatchFacts): Promise<void>;
  /** Told that the transaction of the last `apply` committed. */
  committed(): void;
}

/** Thrown by a writer: the event at `index` of the batch could not be applied. */
export class EventFailure extends Error {
  constructor(
    readonly index: number,
    readonly error: unknown,
  ) {
    super('handler failed');
  }
}

/** Thrown by a writer: the batch's writes failed, and no one event can be named for it. */
export class BatchFailure extends Error {
  constructor(readonly error: unknown) {
    super('batch failed');
  }
}

export type ApplyFailure = EventFailure | BatchFailure;

export function isApplyFailure(error: unknown): error is ApplyFailure {
  return error instanceof EventFailure || error instanceof BatchFailure;
}

/** The live names of a projection's tables. */
export function liveTables<T extends string>(projection: Projection<T>): TableNames<T> {
  return Object.fromEntries(
    projection.tables.map((table) => [table, table as string]),
  ) as TableNames<T>;
}
