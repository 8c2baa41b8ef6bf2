import type { TableNames } from '../../src/projections/projection.js';
import type { SqlExecutor } from '../../src/readstore/read-store.port.js';

/** Every row of each table, by logical name, in a canonical order: equal dumps, equal tables. */
export async function dumpTables(
  db: SqlExecutor,
  tables: TableNames,
): Promise<Record<string, string[]>> {
  const dump: Record<string, string[]> = {};
  for (const [logical, physical] of Object.entries(tables)) {
    const rows = await db.query<Record<string, unknown>>(`SELECT * FROM ${physical}`);
    dump[logical] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return dump;
}
