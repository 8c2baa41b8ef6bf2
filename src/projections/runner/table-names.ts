import { randomBytes } from 'node:crypto';
import type { ReadStore, SqlExecutor } from '../../readstore/read-store.port.js';
import type { Projection, TableNames } from '../projection.js';

/**
 * A fresh suffix for each rebuild. Indexes keep the names they were created with when their
 * table is renamed, so reusing a suffix would meet the indexes of an earlier rebuild's tables.
 */
export function newRebuildSuffix(): string {
  return `r${randomBytes(4).toString('hex')}`;
}

export function shadowTables(projection: Projection, suffix: string): TableNames {
  return Object.fromEntries(projection.tables.map((table) => [table, `${table}__${suffix}`]));
}

/**
 * Which of the tables exist, asked in a way both SQLite and PostgreSQL understand. Runs
 * outside any transaction, since a failed statement aborts a PostgreSQL transaction.
 */
export async function existingTables(
  readStore: ReadStore,
  tables: readonly string[],
): Promise<string[]> {
  const found: string[] = [];
  for (const table of tables) {
    try {
      await readStore.query(`SELECT 1 FROM ${table} WHERE 1 = 0`);
      found.push(table);
    } catch {
      // no such table
    }
  }
  return found;
}

export async function dropTables(tx: SqlExecutor, tables: Iterable<string>): Promise<void> {
  for (const table of tables) await tx.execute(`DROP TABLE IF EXISTS ${table}`);
}

/** Creates a projection's tables under the given names, with their indexes unless told not to. */
export async function createTables(
  tx: SqlExecutor,
  projection: Projection,
  tables: TableNames,
  options: { indexes: boolean } = { indexes: true },
) {
  for (const statement of projection.schema(tables)) await tx.execute(statement);
  if (options.indexes) await createIndexes(tx, projection, tables);
}

export async function createIndexes(tx: SqlExecutor, projection: Projection, tables: TableNames) {
  for (const statement of projection.indexes(tables)) await tx.execute(statement);
}
