import type { Database, Statement, Transaction } from 'better-sqlite3';
import { ConcurrencyError, StoreUnavailableError } from '../event-store.errors.js';
import type { AppendResult, ExpectedRevision } from '../event-store.port.js';
import { Position } from '../position.js';
import type { SerialisedEvent } from './row-mapping.js';

interface PendingAppend {
  stream: string;
  events: SerialisedEvent[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

type Outcome = { result: AppendResult } | { error: Error };

/** An append the caller got wrong; it fails alone and the rest of its group commits. */
class RejectedAppend extends Error {}

/**
 * Appends queued during one turn of the event loop are written in one transaction, so one
 * disk sync serves them all. Each append runs in its own savepoint: a failed expectation
 * rolls back that append only. Every promise settles after the commit, never before.
 */
export class GroupCommitWriter {
  private queue: PendingAppend[] = [];
  private scheduled = false;
  private readonly selectRevision: Statement<[string], { revision: number | null }>;
  private readonly selectById: Statement<
    [string],
    { stream: string; revision: number; position: number }
  >;
  private readonly insert: Statement<[string, string, number, string, string, string, number]>;
  private readonly writeGroup: Transaction<(group: PendingAppend[]) => Outcome[]>;
  private readonly writeOne: (append: PendingAppend) => AppendResult;

  constructor(
    private readonly db: Database,
    private readonly onCommit: () => void,
  ) {
    this.selectRevision = db.prepare(
      'SELECT max(revision) AS revision FROM events WHERE stream = ?',
    );
    this.selectById = db.prepare(
      'SELECT stream, revision, position FROM events WHERE event_id = ?',
    );
    this.insert = db.prepare(
      `INSERT INTO events (event_id, stream, revision, type, data, metadata, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    // A transaction function called inside another runs as a savepoint.
    this.writeGroup = db.transaction((group: PendingAppend[]) => group.map((a) => this.tryOne(a)));
    this.writeOne = db.transaction((append: PendingAppend) => this.insertEvents(append));
  }

  append(stream: string, events: SerialisedEvent[], expected: ExpectedRevision) {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ stream, events, expected, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Writes everything queued so far. */
  flush(): void {
    this.scheduled = false;
    const group = this.queue;
    this.queue = [];
    if (group.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = this.writeGroup.immediate(group);
    } catch (error) {
      const failure = new StoreUnavailableError(`The event store could not commit: ${error}`, {
        cause: error,
      });
      for (const append of group) append.reject(failure);
      return;
    }
    this.onCommit();
    outcomes.forEach((outcome, i) =>
      'result' in outcome ? group[i].resolve(outcome.result) : group[i].reject(outcome.error),
    );
  }

  private tryOne(append: PendingAppend): Outcome {
    try {
      return { result: this.writeOne(append) };
    } catch (error) {
      if (error instanceof ConcurrencyError || error instanceof RejectedAppend) return { error };
      if (isUniqueViolation(error)) {
        return { error: new RejectedAppend(`An event id of this append is already stored`) };
      }
      throw error;
    }
  }

  private insertEvents(append: PendingAppend): AppendResult {
    const replayed = this.previousAppend(append);
    if (replayed) return replayed;
    const current = this.selectRevision.get(append.stream)?.revision ?? undefined;
    checkExpected(append.stream, append.expected, current);
    const createdAt = Date.now();
    let revision = current ?? -1;
    let position = 0;
    for (const event of append.events) {
      revision += 1;
      const inserted = this.insert.run(
        event.id,
        append.stream,
        revision,
        event.type,
        event.data,
        event.metadata,
        createdAt,
      );
      position = Number(inserted.lastInsertRowid);
    }
    return { nextRevision: BigInt(revision), position: new Position(BigInt(position)) };
  }

  /**
   * The same events appended again (a retry after a lost answer) succeed without writing
   * and answer the original result.
   */
  private previousAppend(append: PendingAppend): AppendResult | undefined {
    const first = this.selectById.get(append.events[0].id);
    if (!first) return undefined;
    const stored = append.events.map((event) => this.selectById.get(event.id));
    const sameAppend = stored.every(
      (row, i) => row?.stream === append.stream && row.revision === first.revision + i,
    );
    if (!sameAppend) {
      throw new RejectedAppend(
        `Event id ${append.events[0].id} is already stored for another event`,
      );
    }
    const last = stored[stored.length - 1]!;
    return { nextRevision: BigInt(last.revision), position: new Position(BigInt(last.position)) };
  }
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown })?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function checkExpected(stream: string, expected: ExpectedRevision, current: number | undefined) {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === undefined) ||
    (expected === 'stream_exists' && current !== undefined) ||
    (typeof expected === 'bigint' && current !== undefined && BigInt(current) === expected);
  if (!ok) {
    throw new ConcurrencyError(
      stream,
      expected,
      current === undefined ? 'no_stream' : BigInt(current),
    );
  }
}
