/**
 * Keyset pagination: a page ends with a cursor holding the sort key of its last row, and
 * the next page starts strictly after it, so pages stay stable while rows are added.
 */

import type { SqlExecutor } from '../../readstore/read-store.port.js';
import type { Conditions } from './conditions.js';

export interface PageRequest {
  /** Rows per page: 1 to MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE when omitted. */
  limit?: number;
  /** The `next` cursor of the previous page. */
  after?: string | null;
}

export interface Page<T> {
  items: T[];
  /** The cursor of the next page, or null on the last page. */
  next: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export class InvalidCursorError extends Error {
  constructor(cursor: string) {
    super(`"${cursor}" is not a cursor of this list`);
    this.name = 'InvalidCursorError';
  }
}

type KeyKind = 'string' | 'number';
type Key<K extends readonly KeyKind[]> = {
  [I in keyof K]: K[I] extends 'number' ? number : string;
};

export function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError('limit must be a positive integer');
  return Math.min(limit, MAX_PAGE_SIZE);
}

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The sort key a cursor holds, checked against the kinds of the list's key columns. */
export function decodeCursor<const K extends readonly KeyKind[]>(cursor: string, kinds: K): Key<K> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError(cursor);
  }
  const fits =
    Array.isArray(key) &&
    key.length === kinds.length &&
    key.every((value, i) => typeof value === kinds[i]);
  if (!fits) throw new InvalidCursorError(cursor);
  return key as Key<K>;
}

/**
 * A page from rows fetched with one row more than the page size: that extra row only
 * tells that another page follows.
 */
export function toPage<R, T>(
  rows: readonly R[],
  size: number,
  view: (row: R) => T,
  keyOf: (row: R) => (string | number)[],
): Page<T> {
  const items = rows.slice(0, size);
  const last = items.at(-1);
  return {
    items: items.map(view),
    next: rows.length > size && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}

/**
 * A page of rows newest first by a string key: Qualified ids begin with their creation
 * time. Adds the cursor to `conditions`.
 */
export async function pageByKeyDescending<R, T>(
  db: SqlExecutor,
  select: { columns: readonly string[]; table: string; key: keyof R & string },
  conditions: Conditions,
  page: PageRequest,
  view: (row: R) => T,
): Promise<Page<T>> {
  const size = pageSize(page.limit);
  if (page.after) conditions.add(`${select.key} < ?`, decodeCursor(page.after, ['string'])[0]);
  const rows = await db.query<R>(
    `SELECT ${select.columns.join(', ')} FROM ${select.table} ${conditions.where}
     ORDER BY ${select.key} DESC LIMIT ?`,
    [...conditions.params, size + 1],
  );
  return toPage(rows, size, view, (row) => [String(row[select.key])]);
}
