import * as fc from 'fast-check';
import {
  deepNesting,
  fixture,
  invalidUtf8,
  longList,
  odd,
  polluted,
  randomJson,
  sized,
  unknownEvent,
  wrongTypes,
} from './hostile-bodies.js';
import { hostileDelivery, type HostileDelivery } from './hostile-delivery.js';

const JSON_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON;charset=UTF-8',
  'application/vnd.qualified+json',
];
const OTHER_TYPES = [
  'text/plain',
  'text/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  '*/*',
  'application/jsonx',
  '',
];
const printableAscii = fc
  .integer({ min: 0x20, max: 0x7e })
  .map((code) => String.fromCharCode(code));

/** Mostly JSON's, as Qualified sends; sometimes none, another, or printable noise. */
const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constantFrom(...JSON_TYPES), weight: 8 },
  { arbitrary: fc.constant(undefined), weight: 1 },
  { arbitrary: fc.constantFrom(...OTHER_TYPES), weight: 1 },
  { arbitrary: fc.string({ unit: printableAscii, maxLength: 40 }), weight: 1 },
);

/**
 * Every kind of hostile body, each under a random Content-Type, for a service with these
 * body and list limits.
 */
export function hostileDeliveries(limit: number, listLimit: number): fc.Arbitrary<HostileDelivery> {
  const bodies = fc.oneof(
    fixture.map((body) => hostileDelivery('a valid delivery', JSON.stringify(body))),
    polluted,
    wrongTypes,
    unknownEvent,
    randomJson,
    invalidUtf8,
    longList(listLimit),
    deepNesting,
    sized(limit),
    odd,
  );
  return fc
    .tuple(bodies, contentType)
    .map(([{ kind, body, refusal }, type]) => hostileDelivery(kind, body, type, refusal));
}
