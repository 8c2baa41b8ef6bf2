import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreUnavailableError } from '../event-store.errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port.js';
import { Position } from '../position.js';
import { CommitSignal } from './commit-signal.js';
import { GroupCommitWriter } from './group-commit-writer.js';
import { serialise, toRecordedEvent } from './row-mapping.js';
import { EVENT_LOG_SCHEMA, type EventRow } from './schema.js';
import { subscribeToLog } from './sqlite-subscription.js';

export interface SqliteEventStoreOptions {
  file: string;
  synchronous?: 'FULL' | 'NORMAL';
  /** How often subscriptions look for events written by other processes sharing the file. */
  pollIntervalMs?: number;
}

const NO_LIMIT = -1;

/**
 * A subscription that has caught up reads the log again this often, to see what another
 * process appended (one indexed read, when nothing is new): the projector's lag behind an
 * ingest process of its own.
 */
const POLL_INTERVAL_MS = 20;

/** The embedded event store: one SQLite file in WAL mode. */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly writer: GroupCommitWriter;
  private readonly commits = new CommitSignal();
  private readonly subscriptions = new Set<Subscription>();
  private readonly pollIntervalMs: number;
  private readonly statements: ReturnType<typeof prepareReads>;
  private closed = false;

  constructor(options: SqliteEventStoreOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? POLL_INTERVAL_MS;
    try {
      mkdirSync(dirname(options.file), { recursive: true });
      this.db = new Database(options.file);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
      this.db.pragma('busy_timeout = 5000');
      this.db.exec(EVENT_LOG_SCHEMA);
    } catch (error) {
      throw new StoreUnavailableError(`Cannot open the event store at ${options.file}: ${error}`, {
        cause: error,
      });
    }
    this.writer = new GroupCommitWriter(this.db, () => this.commits.notify());
    this.statements = prepareReads(this.db);
  }

  async append(
    stream: string,
    events: NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    if (events.length === 0) throw new TypeError('An append needs at least one event');
    return this.writer.append(stream, events.map(serialise), options.expectedRevision ?? 'any');
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? BigInt(Number.MAX_SAFE_INTEGER) : 0n);
    const read = backwards ? this.statements.streamBackwards : this.statements.streamForwards;
    return read.all(stream, Number(from), options.limit ?? NO_LIMIT).map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.readPage(Number(options.from?.commit ?? 0n) - 1, options.limit ?? NO_LIMIT);
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const subscription = subscribeToLog({
      after: Number(options.from?.commit ?? 0n),
      readPage: (after, limit) => this.readPage(after, limit),
      commits: this.commits,
      pollIntervalMs: this.pollIntervalMs,
      onClose: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<Position | undefined> {
    this.assertOpen();
    const head = this.statements.head.get()?.head;
    return head == null ? undefined : new Position(BigInt(head));
  }

  /** The store makes or keeps its schema when it opens: any file it opened is supported. */
  async checkSupported(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.writer.flush();
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    this.db.close();
  }

  private readPage(after: number, limit: number): RecordedEvent[] {
    return this.statements.logAfter.all(after, limit).map(toRecordedEvent);
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('The event store is closed');
  }
}

function prepareReads(db: Database.Database) {
  return {
    streamForwards: db.prepare<[string, number, number], EventRow>(
      'SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?',
    ),
    streamBackwards: db.prepare<[string, number, number], EventRow>(
      'SELECT * FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?',
    ),
    logAfter: db.prepare<[number, number], EventRow>(
      'SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?',
    ),
    head: db.prepare<[], { head: number | null }>('SELECT max(position) AS head FROM events'),
  };
}
