import type { SqlValue } from '../../readstore/read-store.port.js';

/** A WHERE clause built from optional filters, each with its own parameters. */
export class Conditions {
  private readonly parts: string[] = [];
  readonly params: SqlValue[] = [];

  add(sql: string, ...params: SqlValue[]): this {
    this.parts.push(sql);
    this.params.push(...params);
    return this;
  }

  /** Adds the condition only when the filter value is given. */
  addIf(value: SqlValue | undefined, sql: string): this {
    return value === undefined ? this : this.add(sql, value);
  }

  get where(): string {
    return this.parts.length === 0 ? '' : `WHERE ${this.parts.join(' AND ')}`;
  }
}
