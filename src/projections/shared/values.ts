import type { SqlValue } from '../../readstore/read-store.port.js';

/**
 * Payload values as columns. Ingestion checks field types, but a projection must never
 * fail on a value of an unexpected type: such a value is stored as NULL.
 */

export function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function int(value: unknown): number | null {
  const n = num(value);
  return n === null ? null : Math.round(n);
}

/** Booleans are stored as 0 and 1. */
export function flag(value: unknown): 0 | 1 | null {
  return typeof value === 'boolean' ? (value ? 1 : 0) : null;
}

export function textList(value: unknown): string[] | null {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : null;
}

/** Lists and objects are stored as JSON text. */
export function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** A payload timestamp in the one ISO-8601 form (UTC, milliseconds), so that text order is time order. */
export function timestamp(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

export function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** A stored 0/1 column as a boolean. */
export function bool(value: SqlValue): boolean | null {
  return value === null ? null : Number(value) === 1;
}

/** The JSON text of a list column as a list. */
export function parseList<T>(value: SqlValue): T[] {
  return typeof value === 'string' ? (JSON.parse(value) as T[]) : [];
}
