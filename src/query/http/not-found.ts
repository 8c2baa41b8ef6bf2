import { NotFoundException } from '@nestjs/common';

/** The value a reader found, or a 404 that names what was not found. */
export function found<T>(value: T | undefined, what: string, id: string): T {
  if (value === undefined) throw new NotFoundException(`There is no ${what} "${id}"`);
  return value;
}
