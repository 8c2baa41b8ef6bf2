import { EventEmitter } from 'node:events';

// Jest runs tests in a realm of their own; Node's built-ins and native modules use the main one.
const outerObjectPrototype = Object.getPrototypeOf(EventEmitter.prototype) as object;
const PROTOTYPES: [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ["Node's own Object.prototype", outerObjectPrototype],
];
const ORIGINALS = PROTOTYPES.map(
  ([, prototype]) =>
    Object.getOwnPropertyDescriptors(prototype) as Record<PropertyKey, PropertyDescriptor>,
);

/**
 * Properties that hostile bodies added to or changed on the prototypes every object
 * inherits. They are put back as they were, so that fast-check can go on shrinking and
 * report the body that did it.
 */
export function pollution(): string[] {
  const found: string[] = [];
  PROTOTYPES.forEach(([name, prototype], i) => {
    const original = ORIGINALS[i];
    for (const key of Reflect.ownKeys(prototype)) {
      const before = original[key];
      const now = Object.getOwnPropertyDescriptor(prototype, key)!;
      if (before && before.value === now.value && before.get === now.get) continue;
      found.push(`${name}.${String(key)} ${before ? 'changed' : 'added'}`);
      if (before) Object.defineProperty(prototype, key, before);
      else delete (prototype as Record<PropertyKey, unknown>)[key];
    }
  });
  return found;
}
