import type { SqlValue } from './read-store.port.js';

/** A column's stored type; booleans are integers 0 and 1, lists and objects JSON text. */
export type ColumnType = 'text' | 'integer' | 'real';

export interface ColumnSpec {
  readonly type: ColumnType;
  readonly nullable?: boolean;
}

export type Columns = Readonly<Record<string, ColumnSpec>>;

type ValueOf<C extends ColumnSpec> =
  (C['type'] extends 'text' ? string : number) | (C['nullable'] extends true ? null : never);

/** The row type a table declaration describes. */
export type RowOf<C extends Columns> = { -readonly [K in keyof C]: ValueOf<C[K]> };

export interface TableSpec<C extends Columns> {
  readonly columns: C;
  /** The primary key's columns. */
  readonly key: readonly (keyof C & string)[];
  /** For rows that belong to a row of another table: the column naming it; they are replaced together. */
  readonly owner?: keyof C & string;
  /** Secondary indexes: a name (suffixed to the table's) and its columns. */
  readonly indexes?: Readonly<Record<string, readonly (keyof C & string)[]>>;
}

/** Most values SQLite binds in one statement is 32,766; chunks stay well below it. */
const MAX_VALUES_PER_STATEMENT = 30_000;

/**
 * A read-model table declared once: its columns (name, type, nullability), key and
 * indexes give the DDL, the row type and the bulk statements, under any physical name.
 */
export class Table<C extends Columns = Columns> {
  readonly columns: C;
  readonly columnNames: readonly string[];
  /** The primary key's columns. */
  readonly key: readonly string[];
  /** For rows that belong to a row of another table: the column naming it. */
  readonly owner: string | undefined;
  private readonly indexes: Readonly<Record<string, readonly string[]>>;

  constructor(spec: TableSpec<C>) {
    this.columns = spec.columns;
    this.columnNames = Object.keys(spec.columns);
    this.key = spec.key;
    this.owner = spec.owner;
    this.indexes = spec.indexes ?? {};
  }

  /** CREATE TABLE under `name`. */
  schema(name: string): string[] {
    const columns = Object.entries(this.columns).map(
      ([column, spec]) => `${column} ${spec.type.toUpperCase()}${spec.nullable ? '' : ' NOT NULL'}`,
    );
    const table = `CREATE TABLE IF NOT EXISTS ${name} (
      ${[...columns, `PRIMARY KEY (${this.key.join(', ')})`].join(',\n      ')}
    )`;
    return [table];
  }

  /** Its secondary indexes on the table `name`, their names derived from it. */
  indexSchema(name: string): string[] {
    return Object.entries(this.indexes).map(
      ([suffix, columns]) =>
        `CREATE INDEX IF NOT EXISTS ${name}_${suffix} ON ${name} (${columns.join(', ')})`,
    );
  }

  /** Values of a row in column order. */
  values(row: Readonly<Record<string, unknown>>): SqlValue[] {
    return this.columnNames.map((column) => row[column] as SqlValue);
  }

  /** A key's text, the same for a row and for the key values taken from it. */
  keyOf(row: Readonly<Record<string, unknown>>): string {
    return this.key.length === 1
      ? String(row[this.key[0]])
      : JSON.stringify(this.key.map((column) => row[column]));
  }

  /** How many rows a multi-row statement binds at most. */
  get rowsPerStatement(): number {
    return Math.max(1, Math.floor(MAX_VALUES_PER_STATEMENT / this.columnNames.length));
  }

  /** Inserts `count` rows, or replaces the rows with the same keys. */
  upsertSql(name: string, count: number): string {
    const updates = this.columnNames
      .filter((column) => !this.key.includes(column))
      .map((column) => `${column} = excluded.${column}`);
    const conflict = updates.length > 0 ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING';
    return `${this.insertSql(name, count)} ON CONFLICT (${this.key.join(', ')}) ${conflict}`;
  }

  /** Inserts `count` rows. */
  insertSql(name: string, count: number): string {
    const row = `(${this.columnNames.map(() => '?').join(', ')})`;
    return `INSERT INTO ${name} (${this.columnNames.join(', ')}) VALUES ${Array(count)
      .fill(row)
      .join(', ')}`;
  }

  /** The rows whose single-column key is one of `count` values. */
  selectByKeysSql(name: string, count: number): string {
    return `SELECT ${this.columnNames.join(', ')} FROM ${name} WHERE ${this.singleKey()} IN (${placeholders(count)})`;
  }

  /** Deletes the rows whose `column` is one of `count` values. */
  deleteWhereInSql(name: string, column: string, count: number): string {
    return `DELETE FROM ${name} WHERE ${column} IN (${placeholders(count)})`;
  }

  private singleKey(): string {
    if (this.key.length !== 1) throw new Error('Rows are loaded by a single-column key');
    return this.key[0];
  }
}

export function defineTable<const C extends Columns>(spec: TableSpec<C>): Table<C> {
  return new Table(spec);
}

function placeholders(count: number): string {
  return Array(count).fill('?').join(', ');
}

/**
 * Splits a list into chunks for multi-row statements: each chunk's size is a power of 4 no
 * larger than `max`, so that a table needs a handful of prepared statements, not one per count.
 */
export function chunks<T>(items: readonly T[], max: number): T[][] {
  const result: T[][] = [];
  let start = 0;
  while (start < items.length) {
    let size = 1;
    while (size * 4 <= Math.min(max, items.length - start)) size *= 4;
    result.push(items.slice(start, start + size));
    start += size;
  }
  return result;
}
