import type { SqlValue } from '../../readstore/read-store.port.js';

/**
 * Inserts a row, or updates the one with the same key: each column takes the new value,
 * or with `keepKnown` the known value where the new one is NULL.
 */
export function upsertSql(
  table: string,
  columns: readonly string[],
  key: string,
  options: { keepKnown?: boolean } = {},
): string {
  const updates = columns
    .filter((column) => column !== key)
    .map((column) =>
      options.keepKnown
        ? `${column} = COALESCE(excluded.${column}, ${table}.${column})`
        : `${column} = excluded.${column}`,
    );
  return `INSERT INTO ${table} (${columns.join(', ')})
    VALUES (${columns.map(() => '?').join(', ')})
    ON CONFLICT (${key}) DO UPDATE SET ${updates.join(', ')}`;
}

/** A row's values in the order of `columns`, to bind to an upsertSql statement. */
export function valuesOf<R extends Record<C, SqlValue>, C extends string>(
  row: R,
  columns: readonly C[],
): SqlValue[] {
  return columns.map((column) => row[column]);
}
