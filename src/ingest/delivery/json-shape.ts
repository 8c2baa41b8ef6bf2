import type { FieldError } from '../validation/webhook-data.validator.js';

/** Deeper nesting than any webhook has; deeper still would overflow the stack downstream. */
export const MAX_DEPTH = 64;

/**
 * More values (objects, lists, strings, numbers, …) than any webhook holds. Parsing,
 * validating, hashing, storing and projecting a body take time in proportion to its values,
 * and the process does nothing else meanwhile.
 */
export const MAX_VALUES = 100_000;

export interface JsonLimits {
  /** Most items in any one list (WEBHOOK_LIST_LIMIT). */
  maxListItems: number;
}

/** A list or an object the scan is inside of. */
interface Level {
  list: boolean;
  /** Items (or keys) seen so far. */
  items: number;
  /** In an object: whether the next string is a key, and where the last key is in the text. */
  expectKey: boolean;
  key: [start: number, end: number];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPENERS = new Map([
  [0x5b, true], // [
  [0x7b, false], // {
]);
const CLOSERS = new Set([0x5d, 0x7d]); // ] }
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * The first place where JSON text nests deeper than MAX_DEPTH, a list holds more than
 * `maxListItems` items, or the whole more than MAX_VALUES values. Read from the text,
 * without parsing it: JSON.parse takes hundreds of milliseconds over a megabyte of tiny or
 * deeply nested values. Text that is not JSON may be misread, but is refused either way.
 */
export function shapeBeyondLimits(text: string, limits: JsonLimits): FieldError | undefined {
  const levels: Level[] = [];
  let values = 1;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (WHITESPACE.has(code) || code === COLON) continue;
    if (CLOSERS.has(code)) {
      levels.pop();
      continue;
    }
    const level = levels.at(-1);
    if (level && (code === COMMA || level.items === 0)) {
      level.items += 1;
      level.expectKey = !level.list;
      values += 1;
      if (level.list && level.items > limits.maxListItems) {
        const message = `has more than ${limits.maxListItems} items, the most a list may hold`;
        return { field: pathOf(levels.slice(0, -1), text), message };
      }
      if (values > MAX_VALUES)
        return { field: 'body', message: `holds more than ${MAX_VALUES} values` };
      if (code === COMMA) continue;
    }
    if (code === QUOTE) {
      const end = stringEnd(text, i);
      if (level?.expectKey) Object.assign(level, { expectKey: false, key: [i + 1, end] });
      i = end;
    } else if (OPENERS.has(code)) {
      if (levels.length === MAX_DEPTH) {
        return {
          field: pathOf(levels, text),
          message: `is nested deeper than ${MAX_DEPTH} levels`,
        };
      }
      levels.push({ list: OPENERS.get(code)!, items: 0, expectKey: false, key: [0, 0] });
    }
  }
  return undefined;
}

/** The index of the quote that ends the string starting at `start`, or the text's end. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i += 1;
    else if (code === QUOTE) return i;
  }
  return text.length;
}

/** `body.data.solutions[3]`: where the innermost of `levels` is, as its keys are written. */
function pathOf(levels: readonly Level[], text: string): string {
  const parts = levels.map(({ list, items, key: [start, end] }) =>
    list ? `[${items - 1}]` : `.${text.slice(start, end)}`,
  );
  return `body${parts.join('')}`;
}
