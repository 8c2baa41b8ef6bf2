import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '../../src/eventstore/event-store.port.js';
import { Position } from '../../src/eventstore/position.js';
import { liveTables, type Projection, type TableNames } from '../../src/projections/projection.js';
import type { SqlExecutor } from '../../src/readstore/read-store.port.js';
import { SqliteReadStore } from '../../src/readstore/sqlite-read-store.js';
import {
  firstDeliveries,
  LOG_DELIVERIES,
  LOG_DELIVERIES_TABLE,
} from '../../src/projections/runner/first-deliveries.js';
import type { StoredEvent } from '../../src/simulation/stored-events.js';

/** Numbers stored events as the log would: increasing positions, revisions per stream. */
export class LogSequence {
  private position = 0n;
  private readonly revisions = new Map<string, bigint>();

  record(events: readonly StoredEvent[]): RecordedEvent[] {
    return events.map((event) => {
      const revision = (this.revisions.get(event.stream) ?? -1n) + 1n;
      this.revisions.set(event.stream, revision);
      this.position += 1n;
      return {
        id: event.id,
        type: event.type,
        stream: event.stream,
        revision,
        position: new Position(this.position),
        data: structuredClone(event.data),
        metadata: structuredClone(event.metadata),
        createdAt: new Date(String(event.metadata.receivedAt)),
      };
    });
  }
}

export async function createTables<T extends string>(
  db: SqlExecutor,
  projection: Projection<T>,
  tables: TableNames<T>,
): Promise<void> {
  const statements = [
    ...LOG_DELIVERIES.schema(LOG_DELIVERIES_TABLE),
    ...projection.schema(tables),
    ...projection.indexes(tables),
  ];
  for (const statement of statements) await db.execute(statement);
}

/** Applies events as the runner does: in order, as one batch, repeats skipped. */
export async function applyEvents<T extends string>(
  projection: Projection<T>,
  tx: SqlExecutor,
  tables: TableNames<T>,
  events: readonly RecordedEvent[],
): Promise<void> {
  await projection.writer(tables).apply(tx, events, await firstDeliveries(tx, events));
}

/** One projection's live tables in a real SQLite read store in a temporary directory. */
export class ProjectionHarness<T extends string> {
  private readonly log = new LogSequence();

  private constructor(
    readonly projection: Projection<T>,
    readonly store: SqliteReadStore,
    private readonly dir: string,
  ) {}

  static async open<T extends string>(projection: Projection<T>): Promise<ProjectionHarness<T>> {
    const dir = mkdtempSync(join(tmpdir(), `ledger-${projection.name}-`));
    const store = new SqliteReadStore(join(dir, 'read.sqlite'));
    await createTables(store, projection, liveTables(projection));
    return new ProjectionHarness(projection, store, dir);
  }

  /** Appends the events to the log and projects them, all in one transaction. */
  async given(events: readonly StoredEvent[]): Promise<void> {
    const recorded = this.log.record(events);
    const tables = liveTables(this.projection);
    await this.store.transaction((tx) => applyEvents(this.projection, tx, tables, recorded));
  }

  async close(): Promise<void> {
    await this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A fresh harness for each test of the enclosing describe block. */
export function useProjectionHarness<T extends string>(
  projection: Projection<T>,
): () => ProjectionHarness<T> {
  let harness: ProjectionHarness<T> | undefined;
  beforeEach(async () => {
    harness = await ProjectionHarness.open(projection);
  });
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });
  return () => {
    if (!harness) throw new Error('The projection harness is only open inside a test');
    return harness;
  };
}
