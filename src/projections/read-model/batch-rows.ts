import type { SqlExecutor, SqlValue } from '../../readstore/read-store.port.js';
import { chunks, type Columns, type RowOf, type Table } from '../../readstore/table.js';

export type TableSet = Readonly<Record<string, Table>>;
export type TableOf<T extends TableSet> = keyof T & string;
export type Row<T extends TableSet, K extends TableOf<T>> =
  T[K] extends Table<infer C extends Columns> ? RowOf<C> : never;

/** The rows as they stood before the batch: loaded, or undefined (absent or not loaded). */
export interface KnownRows<T extends TableSet> {
  get<K extends TableOf<T>>(table: K, key: string): Row<T, K> | undefined;
}

/** One table's rows of a batch. */
export interface TableRows<R> {
  get(key: string): R | undefined;
  put(row: R): void;
}

/** The rows a batch evolves, in memory; written back in bulk when the batch is done. */
export interface Rows<T extends TableSet> extends KnownRows<T> {
  table<K extends TableOf<T>>(table: K): TableRows<Row<T, K>>;
  put<K extends TableOf<T>>(table: K, row: Row<T, K>): void;
  delete<K extends TableOf<T>>(table: K, key: string): void;
  /** Adds a row to a table that is only ever appended to, and never read back here. */
  append<K extends TableOf<T>>(table: K, row: Row<T, K>): void;
  /** Replaces every row of `owner` in a table whose rows belong to a row of another. */
  replace<K extends TableOf<T>>(table: K, owner: string, rows: Row<T, K>[]): void;
}

/** A row a handler reads or writes: its table and its key. */
export type Need<T extends TableSet> = readonly [table: TableOf<T>, key: string];

type AnyRow = Record<string, SqlValue>;
/** A row, or null for a key known to have none. */
type Slot = AnyRow | null;

/** Rows kept between batches, by estimated size; beyond it the least recently used go. */
const CACHE_BYTES = 1024 * 1024;

/**
 * The rows of one set of a projection's tables that its batches read and write. Rows are
 * loaded in one query per table and chunk; a batch's changes stay apart until its
 * transaction commits, so a rolled-back batch leaves the kept rows as the database has them.
 */
export class BatchRows<T extends TableSet> implements Rows<T> {
  /** Rows as committed, by table and key; the least recently used first. */
  private readonly kept = new Map<string, Slot>();
  private keptBytes = 0;
  private changed = new Map<string, Map<string, Slot>>();
  private appended = new Map<string, AnyRow[]>();
  private replaced = new Map<string, Map<string, AnyRow[]>>();

  constructor(
    private readonly tables: T,
    private readonly names: Readonly<Record<string, string>>,
  ) {}

  /** Forgets the changes of a batch that did not commit. */
  begin(): void {
    this.changed = new Map();
    this.appended = new Map();
    this.replaced = new Map();
  }

  /** Loads the needed rows that are not kept yet. */
  async load(tx: SqlExecutor, needs: Iterable<Need<T>>): Promise<number> {
    const missing = new Map<string, Set<string>>();
    for (const [table, key] of needs) {
      if (this.kept.has(slotKey(table, key))) continue;
      let keys = missing.get(table);
      if (!keys) missing.set(table, (keys = new Set()));
      keys.add(key);
    }
    for (const [table, keys] of missing) await this.loadTable(tx, table, [...keys]);
    return missing.size;
  }

  get<K extends TableOf<T>>(table: K, key: string): Row<T, K> | undefined {
    const changed = this.changed.get(table);
    if (changed?.has(key)) return (changed.get(key) ?? undefined) as Row<T, K> | undefined;
    const slot = this.kept.get(slotKey(table, key));
    if (slot === undefined)
      throw new Error(`The row ${table} ${key} was not loaded: name it in needs`);
    return (slot ?? undefined) as Row<T, K> | undefined;
  }

  /** A row as it stood before the batch, without requiring it to be loaded. */
  known<K extends TableOf<T>>(table: K, key: string): Row<T, K> | undefined {
    return (this.kept.get(slotKey(table, key)) ?? undefined) as Row<T, K> | undefined;
  }

  table<K extends TableOf<T>>(table: K): TableRows<Row<T, K>> {
    return { get: (key) => this.get(table, key), put: (row) => this.put(table, row) };
  }

  put<K extends TableOf<T>>(table: K, row: Row<T, K>): void {
    this.changedTable(table).set(this.tables[table].keyOf(row), row as AnyRow);
  }

  delete<K extends TableOf<T>>(table: K, key: string): void {
    this.changedTable(table).set(key, null);
  }

  append<K extends TableOf<T>>(table: K, row: Row<T, K>): void {
    let rows = this.appended.get(table);
    if (!rows) this.appended.set(table, (rows = []));
    rows.push(row as AnyRow);
  }

  replace<K extends TableOf<T>>(table: K, owner: string, rows: Row<T, K>[]): void {
    let owners = this.replaced.get(table);
    if (!owners) this.replaced.set(table, (owners = new Map()));
    owners.set(owner, rows as AnyRow[]);
  }

  /** Writes the batch's changes in the caller's transaction: multi-row statements per table. */
  async flush(tx: SqlExecutor): Promise<void> {
    for (const [table, slots] of this.changed) {
      const rows = [...slots.values()].filter((slot): slot is AnyRow => slot !== null);
      const gone = [...slots].filter(([, slot]) => slot === null).map(([key]) => key);
      await this.upsert(tx, table, rows);
      const declared = this.tables[table];
      for (const keys of chunks(gone, declared.rowsPerStatement)) {
        await tx.execute(
          declared.deleteWhereInSql(this.names[table], declared.key[0], keys.length),
          keys,
        );
      }
    }
    for (const [table, owners] of this.replaced) {
      const declared = this.tables[table];
      const owner = declared.owner;
      if (!owner) throw new Error(`The table ${table} declares no owner column`);
      for (const keys of chunks([...owners.keys()], declared.rowsPerStatement)) {
        await tx.execute(declared.deleteWhereInSql(this.names[table], owner, keys.length), keys);
      }
      await this.insert(tx, table, [...owners.values()].flat());
    }
    for (const [table, rows] of this.appended) await this.insert(tx, table, rows);
  }

  /** Keeps the committed batch's rows for the next batches. */
  committed(): void {
    for (const [table, slots] of this.changed) {
      for (const [key, slot] of slots) this.keep(table, key, slot);
    }
    this.begin();
    this.evict();
  }

  private async loadTable(tx: SqlExecutor, table: string, keys: string[]): Promise<void> {
    const declared = this.tables[table];
    for (const chunk of chunks(keys, declared.rowsPerStatement)) {
      const sql = declared.selectByKeysSql(this.names[table], chunk.length);
      const rows = await tx.query<AnyRow>(sql, chunk);
      const found = new Map(rows.map((row) => [declared.keyOf(row), row]));
      for (const key of chunk) this.keep(table, key, found.get(key) ?? null);
    }
  }

  private async upsert(tx: SqlExecutor, table: string, rows: AnyRow[]): Promise<void> {
    const declared = this.tables[table];
    for (const chunk of chunks(rows, declared.rowsPerStatement)) {
      const sql = declared.upsertSql(this.names[table], chunk.length);
      await tx.execute(
        sql,
        chunk.flatMap((row) => declared.values(row)),
      );
    }
  }

  private async insert(tx: SqlExecutor, table: string, rows: AnyRow[]): Promise<void> {
    const declared = this.tables[table];
    for (const chunk of chunks(rows, declared.rowsPerStatement)) {
      const sql = declared.insertSql(this.names[table], chunk.length);
      await tx.execute(
        sql,
        chunk.flatMap((row) => declared.values(row)),
      );
    }
  }

  private keep(table: string, key: string, slot: Slot): void {
    const at = slotKey(table, key);
    const before = this.kept.get(at);
    if (before !== undefined) this.keptBytes -= sizeOf(before);
    this.kept.delete(at);
    this.kept.set(at, slot);
    this.keptBytes += sizeOf(slot);
  }

  /** Drops the rows kept longest since they were last written or loaded. */
  private evict(): void {
    for (const [at, slot] of this.kept) {
      if (this.keptBytes <= CACHE_BYTES) return;
      this.kept.delete(at);
      this.keptBytes -= sizeOf(slot);
    }
  }

  private changedTable(table: string): Map<string, Slot> {
    let changed = this.changed.get(table);
    if (!changed) this.changed.set(table, (changed = new Map()));
    return changed;
  }
}

function slotKey(table: string, key: string): string {
  return `${table}\u0000${key}`;
}

/** A row's size in memory, roughly: an object, its values and their text. */
function sizeOf(slot: Slot): number {
  if (!slot) return 32;
  let bytes = 64;
  for (const value of Object.values(slot)) {
    bytes += typeof value === 'string' ? 16 + value.length : 16;
  }
  return bytes;
}
