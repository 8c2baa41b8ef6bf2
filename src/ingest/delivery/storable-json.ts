import type { FieldError } from '../validation/webhook-data.validator.js';

/** Deeper nesting than any webhook has; deeper still would overflow the stack downstream. */
export const MAX_DEPTH = 64;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The first value JSON.parse accepted that the log cannot keep faithfully: nesting beyond
 * MAX_DEPTH, a number beyond a double (parsed as Infinity), or a string with a lone
 * surrogate. Walks without recursion, so no input can overflow the stack here.
 */
export function findUnstorableValue(value: unknown): FieldError | undefined {
  const pending: { value: unknown; path: string; depth: number }[] = [
    { value, path: 'body', depth: 0 },
  ];
  while (pending.length > 0) {
    const { value: current, path, depth } = pending.pop()!;
    const problem = problemWith(current, depth);
    if (problem) return { field: path, message: problem };
    if (typeof current !== 'object' || current === null) continue;
    for (const [key, child] of Object.entries(current)) {
      if (LONE_SURROGATE.test(key))
        return { field: path, message: 'has a key that is not valid Unicode' };
      const childPath = Array.isArray(current) ? `${path}[${key}]` : `${path}.${key}`;
      pending.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return undefined;
}

function problemWith(value: unknown, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return `is nested deeper than ${MAX_DEPTH} levels`;
  if (typeof value === 'number' && !Number.isFinite(value)) return 'is a number too large to store';
  if (typeof value === 'string' && LONE_SURROGATE.test(value)) {
    return 'is not valid Unicode (a lone surrogate)';
  }
  return undefined;
}
