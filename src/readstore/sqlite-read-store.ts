import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ReadStore, SqlExecutor, SqlValue } from './read-store.port.js';

/**
 * The read models in one SQLite file (WAL). Writes go through one connection, one
 * transaction at a time; reads outside a transaction use a second connection, so a reader
 * sees only committed states, never a transaction in progress.
 */
export class SqliteReadStore implements ReadStore {
  private readonly writer: Database.Database;
  private readonly reader: Database.Database;
  private readonly writeStatements = new Map<string, Database.Statement>();
  private readonly readStatements = new Map<string, Database.Statement>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(file: string, options: { synchronous?: 'FULL' | 'NORMAL' } = {}) {
    mkdirSync(dirname(file), { recursive: true });
    this.writer = new Database(file);
    this.writer.pragma('journal_mode = WAL');
    this.writer.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    this.writer.pragma('busy_timeout = 5000');
    // Projections commit often and touch many pages; checkpointing the WAL every 64 MB
    // rather than SQLite's 4 MB copies each page to the database file far less often.
    this.writer.pragma('wal_autocheckpoint = 16384');
    this.reader = new Database(file);
    this.reader.pragma('busy_timeout = 5000');
  }

  async execute(sql: string, params: readonly SqlValue[] = []) {
    return this.transaction((tx) => tx.execute(sql, params));
  }

  async query<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return prepare(this.reader, this.readStatements, sql).all(...params) as T[];
  }

  /** Transactions run one after another; a failed one rolls back and rethrows. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.runTransaction(work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.queue;
    this.writer.close();
    this.reader.close();
  }

  private async runTransaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const tx: SqlExecutor = {
      execute: async (sql, params = []) => {
        const { changes } = prepare(this.writer, this.writeStatements, sql).run(...params);
        return { changes };
      },
      query: async <R>(sql: string, params: readonly SqlValue[] = []) =>
        prepare(this.writer, this.writeStatements, sql).all(...params) as R[],
    };
    this.writer.exec('BEGIN IMMEDIATE');
    try {
      const result = await work(tx);
      this.writer.exec('COMMIT');
      return result;
    } catch (error) {
      this.writer.exec('ROLLBACK');
      throw error;
    }
  }
}

/** Statements are prepared once per connection and SQL text. */
function prepare(db: Database.Database, cache: Map<string, Database.Statement>, sql: string) {
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
