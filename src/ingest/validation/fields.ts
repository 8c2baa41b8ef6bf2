import 'reflect-metadata';
import { Expose, Type } from 'class-transformer';
import { isISO8601, IsOptional, ValidateBy, ValidateNested } from 'class-validator';
import { describeValue } from './describe-value.js';

/**
 * Property decorators for the webhook DTOs. Each one exposes its field to class-transformer
 * (the validator transforms with `excludeExtraneousValues`, so fields we do not know are never
 * copied nor checked) and accepts null or absence, which Qualified sends for anything.
 */

/**
 * Target type for fields holding plain values. Without a type, class-transformer guesses a
 * class from an object's own `constructor` key and crashes on `{"constructor": 1}`; with this
 * one an object becomes an empty Opaque (it exposes nothing), which then fails the type check.
 */
class Opaque {}

type ClassType = new () => object;

function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Index and value of the first item failing the test, as `5 at [1]`. */
function firstBadItem(items: unknown[], test: (item: unknown) => boolean): string {
  const index = items.findIndex((item) => !test(item));
  return `${describeValue(items[index])} at [${index}]`;
}

/** A class-validator check whose message is built from the received value. */
function check(
  name: string,
  test: (value: unknown) => boolean,
  message: (value: unknown) => string,
) {
  return ValidateBy({
    name,
    validator: { validate: test, defaultMessage: (args) => message(args?.value) },
  });
}

/** `expected` completes "must be …", e.g. `a number or null`. */
function plainField(name: string, expected: string, test: (value: unknown) => boolean) {
  return compose(
    Expose(),
    Type(() => Opaque),
    IsOptional(),
    check(name, test, (value) => `must be ${expected} (got ${describeValue(value)})`),
  );
}

/** `expected` completes "must be …" for the array, e.g. `an array of strings or null`. */
function listField(
  name: string,
  expected: string,
  itemTest: (item: unknown) => boolean,
  itemType: () => ClassType,
) {
  return compose(
    Expose(),
    Type(itemType),
    IsOptional(),
    check(
      name,
      (value) => Array.isArray(value) && value.every(itemTest),
      (value) =>
        `must be ${expected} (got ${
          Array.isArray(value) ? firstBadItem(value, itemTest) : describeValue(value)
        })`,
    ),
  );
}

const isString = (value: unknown) => typeof value === 'string';
const isNumber = (value: unknown) => typeof value === 'number' && Number.isFinite(value);

/**
 * The id of a resource or of one it refers to. The message leaves out null because the
 * validator requires the top-level `data.id`, and nested DTOs are the same classes.
 */
export const Id = () => plainField('id', 'a string', isString);

export const Text = () => plainField('text', 'a string or null', isString);

export const Numeric = () => plainField('numeric', 'a number or null', isNumber);

export const Flag = () =>
  plainField('flag', 'a boolean or null', (value) => typeof value === 'boolean');

/** A review rating: 1 to 5, where a three-point scale uses 1, 3 and 5. */
export const Rating = () =>
  plainField(
    'rating',
    'an integer from 1 to 5 or null',
    (value) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5,
  );

/** ISO-8601 that Date can also read, so that read models can parse what they store. */
export const Timestamp = () =>
  plainField(
    'timestamp',
    'an ISO-8601 timestamp or null',
    (value) =>
      typeof value === 'string' &&
      isISO8601(value, { strict: true, strictSeparator: true }) &&
      !Number.isNaN(Date.parse(value)),
  );

export const TextList = () =>
  listField('textList', 'an array of strings or null', isString, () => Opaque);

/** An embedded resource, validated by its own DTO. */
export const Nested = (type: () => ClassType) =>
  compose(
    Expose(),
    Type(type),
    IsOptional(),
    check('nested', isObject, (value) => `must be an object or null (got ${describeValue(value)})`),
    // Runs only when the shape check passed: the validator stops at a field's first error.
    ValidateNested(),
  );

/** An array of embedded resources, each validated by the DTO. */
export const NestedList = (type: () => ClassType) =>
  compose(listField('nestedList', 'an array of objects or null', isObject, type), ValidateNested());
