/** Values a read-model statement binds. Booleans are stored as 0 and 1. */
export type SqlValue = string | number | bigint | null;

/** Statements against the read-model database; SQL uses `?` placeholders. */
export interface SqlExecutor {
  execute(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  query<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
}

/**
 * The read-model database: SQLite by default, PostgreSQL for read models shared by several
 * query replicas. Projections write only inside `transaction`; everything committed there
 * becomes visible to readers at once, and readers never see a transaction in progress.
 */
export interface ReadStore extends SqlExecutor {
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The Nest injection token for the configured ReadStore. */
export const READ_STORE = Symbol('ReadStore');
