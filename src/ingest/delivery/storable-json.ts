import type { FieldError } from '../validation/webhook-data.validator.js';
import { shapeBeyondLimits, type JsonLimits } from './json-shape.js';

export type JsonReading = { value: unknown } | { notJson: string } | { unstorable: FieldError };

/**
 * Parses JSON text that the log can keep faithfully and at a bounded cost, or says why not:
 * the text is not JSON, its shape is beyond the limits (see shapeBeyondLimits), or it holds
 * a number beyond a double (which JSON.parse reads as Infinity) or a string with a lone
 * surrogate. Nothing here recurses, so no input can overflow the stack.
 */
export function readStorableJson(text: string, limits: JsonLimits): JsonReading {
  const beyond = shapeBeyondLimits(text, limits);
  if (beyond) return { unstorable: beyond };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { notJson: (error as Error).message };
  }
  const unstorable = findUnstorableValue(value);
  return unstorable ? { unstorable } : { value };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A value met on the walk; its path is spelled out only for the one that is reported. */
interface Visit {
  value: unknown;
  /** Its index in the list, or its key in the object, that holds it. */
  key?: number | string;
  parent?: Visit;
}

/** The first value the log would not keep faithfully. */
function findUnstorableValue(value: unknown): FieldError | undefined {
  const pending: Visit[] = [{ value }];
  while (pending.length > 0) {
    const visit = pending.pop()!;
    const problem = problemWith(visit);
    if (problem) return problem;
    const { value: current } = visit;
    if (typeof current !== 'object' || current === null) continue;
    const inList = Array.isArray(current);
    for (const [key, child] of Object.entries(current)) {
      pending.push({ value: child, key: inList ? Number(key) : key, parent: visit });
    }
  }
  return undefined;
}

function problemWith(visit: Visit): FieldError | undefined {
  const { value, key, parent } = visit;
  const problem = (message: string, at = visit) => ({ field: pathOf(at), message });
  if (typeof key === 'string' && LONE_SURROGATE.test(key)) {
    return problem('has a key that is not valid Unicode', parent);
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return problem('is a number too large to store');
  }
  if (typeof value === 'string' && LONE_SURROGATE.test(value)) {
    return problem('is not valid Unicode (a lone surrogate)');
  }
  return undefined;
}

/** `body.data.solutions[3].score` */
function pathOf(visit: Visit): string {
  const parts: string[] = [];
  for (let at: Visit | undefined = visit; at?.parent; at = at.parent) {
    parts.push(typeof at.key === 'number' ? `[${at.key}]` : `.${at.key}`);
  }
  return `body${parts.reverse().join('')}`;
}
