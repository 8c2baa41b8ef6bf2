/** Edits of parsed webhook bodies, for building hostile ones. */

export type JsonRecord = Record<string, unknown>;

/**
 * Sets an own property even for `__proto__`, which plain assignment would turn into a
 * prototype change; JSON.stringify then writes the key like any other.
 */
export function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Every object (not array) in a value, the value itself included. */
export function objectsIn(value: unknown): JsonRecord[] {
  const found: JsonRecord[] = [];
  const pending = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next !== 'object' || next === null) continue;
    if (!Array.isArray(next)) found.push(next as JsonRecord);
    pending.push(...Object.values(next));
  }
  return found;
}

/** Every place a value sits in a value: each property of its objects and item of its arrays. */
export function slotsIn(value: unknown): { holder: JsonRecord | unknown[]; key: string }[] {
  const slots: { holder: JsonRecord | unknown[]; key: string }[] = [];
  const pending = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next !== 'object' || next === null) continue;
    for (const [key, child] of Object.entries(next)) {
      slots.push({ holder: next as JsonRecord, key });
      pending.push(child);
    }
  }
  return slots;
}

const PLACEHOLDER = '\u0000placeholder\u0000';

/**
 * The JSON text of what `build` makes, with raw JSON text where it put the placeholder: for
 * values that JSON.stringify cannot write, such as nesting deeper than its stack allows.
 */
export function spliceJson(build: (placeholder: string) => unknown, raw: string): string {
  return JSON.stringify(build(PLACEHOLDER)).replace(JSON.stringify(PLACEHOLDER), () => raw);
}

/** `[[[…]]]` or `{"a":{"a":…1}}`, `depth` levels deep. */
export function nestedJson(depth: number, shape: 'array' | 'object'): string {
  return shape === 'array'
    ? '['.repeat(depth) + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/**
 * The first place where two JSON values differ, or undefined when they are equal. Walks
 * without recursion, so that bodies nested thousands deep can be compared.
 */
export function firstDifference(actual: unknown, expected: unknown): string | undefined {
  const pending: [unknown, unknown, string][] = [[actual, expected, '']];
  while (pending.length > 0) {
    const [a, b, path] = pending.pop()!;
    if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
      if (a !== b) return `${path || 'the value'}: ${show(a)} instead of ${show(b)}`;
      continue;
    }
    if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array and object`;
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    const missing = keysB.filter((key) => !Object.hasOwn(a, key));
    const extra = keysA.filter((key) => !Object.hasOwn(b, key));
    if (missing.length + extra.length > 0) {
      return `${path}: keys ${JSON.stringify(keysA)} instead of ${JSON.stringify(keysB)}`;
    }
    for (const key of keysB) {
      pending.push([
        (a as JsonRecord)[key],
        (b as JsonRecord)[key],
        `${path}[${JSON.stringify(key)}]`,
      ]);
    }
  }
  return undefined;
}

function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}
