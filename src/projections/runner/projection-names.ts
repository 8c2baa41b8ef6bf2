import type { Projection } from '../projection.js';
import { UnknownProjectionError } from './errors.js';

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;
/** PostgreSQL's identifier limit, less the shadow suffix `__r` and 8 hex digits. */
const MAX_TABLE_NAME = 63 - 11;

/** Refuses a list the runner could not keep apart: shared names or tables, unusable names. */
export function checkProjections(projections: readonly Projection[]): void {
  const names = new Set<string>();
  const tables = new Set<string>();
  for (const { name, tables: own } of projections) {
    if (names.has(name)) throw new Error(`Two projections are named "${name}"`);
    names.add(name);
    for (const table of own) {
      if (
        !IDENTIFIER.test(table) ||
        table.length > MAX_TABLE_NAME ||
        table.startsWith('projection_')
      ) {
        throw new Error(
          `${name}: "${table}" must be lower-case letters, digits and _, at most ${MAX_TABLE_NAME} long, not starting with projection_`,
        );
      }
      if (tables.has(table)) throw new Error(`Two projections have a table "${table}"`);
      tables.add(table);
    }
  }
}

/** The named projections, or all of them. */
export function pickProjections(
  projections: readonly Projection[],
  names?: readonly string[],
): Projection[] {
  if (names === undefined) return [...projections];
  return names.map((name) => {
    const projection = projections.find((candidate) => candidate.name === name);
    if (!projection) throw new UnknownProjectionError(name);
    return projection;
  });
}
