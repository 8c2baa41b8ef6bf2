import * as fc from 'fast-check';
import { ACCEPTED_EVENT_NAMES, namesFor } from '../../../src/events/event-catalog.js';
import type { EventType } from '../../../src/events/event-types.js';
import { MAX_DEPTH } from '../../../src/ingest/delivery/json-shape.js';
import { FIXTURE_TYPES, loadFixture } from '../../fixtures/webhooks/index.js';
import {
  DEEP_SPOTS,
  deepBody,
  deepField,
  hostileDelivery,
  paddedTo,
  type DeepSpot,
  type Envelope,
} from './hostile-delivery.js';
import {
  nestedJson,
  objectsIn,
  setOwn,
  slotsIn,
  spliceJson,
  type JsonRecord,
} from './json-surgery.js';

/** Far deeper than MAX_DEPTH (real payloads nest a handful of levels), within 64 KB. */
const FUZZ_MAX_DEPTH = 20_000;

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

const anyJson = fc.jsonValue({ stringUnit: 'binary', maxDepth: 4 });

/** A realistic body, under any of the names its event has had. */
export const fixture: fc.Arbitrary<Envelope> = fc
  .tuple(fc.constantFrom(...FIXTURE_TYPES), fc.nat())
  .map(([type, pick]) => {
    const names = namesFor(type as EventType);
    return { ...(loadFixture(type) as Envelope), event: names[pick % names.length] };
  });

/** Values for prototype keys: payloads that would pollute, and odd values of any type. */
const pollutionValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    JSON.parse('{"polluted":"yes"}'),
    JSON.parse('{"__proto__":{"polluted":"yes"}}'),
    JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
    JSON.parse('[{"__proto__":{"polluted":"yes"}}]'),
  ),
  fc.dictionary(fc.constantFrom(...POLLUTION_KEYS, 'polluted'), anyJson).map((entries) => {
    const object = {};
    for (const [key, value] of Object.entries(entries)) setOwn(object, key, value);
    return object;
  }),
  anyJson,
);

/** `__proto__`, `constructor` and `prototype` keys on every object, or on a few. */
export const polluted = fc
  .tuple(fixture, fc.boolean(), fc.array(fc.tuple(fc.nat(), fc.nat())), pollutionValue)
  .map(([body, everywhere, picks, value]) => {
    const objects = objectsIn(body);
    if (everywhere) {
      for (const object of objects) for (const key of POLLUTION_KEYS) setOwn(object, key, value);
    }
    for (const [at, key] of picks) {
      setOwn(objects[at % objects.length], POLLUTION_KEYS[key % POLLUTION_KEYS.length], value);
    }
    return hostileDelivery(
      `prototype keys ${everywhere ? 'everywhere' : 'here and there'}`,
      JSON.stringify(body),
    );
  });

/** Known fields given values of any type. */
export const wrongTypes = fc
  .tuple(
    fixture,
    fc.array(fc.tuple(fc.nat(), fc.oneof(anyJson, pollutionValue)), { minLength: 1, maxLength: 4 }),
  )
  .map(([body, changes]) => {
    // Slots of the fixture only: values fast-check generated must not change under it.
    const slots = slotsIn(body.data);
    for (const [at, value] of changes) {
      const { holder, key } = slots[at % slots.length];
      (holder as JsonRecord)[key] = value;
    }
    return hostileDelivery('fields of the wrong type', JSON.stringify(body));
  });

const TRICKY_NAMES = [
  '',
  ' ',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'TEAM_CANDIDATE_STATE_CHANGED',
  'team_candidate_state_changed ',
  'team-candidate-state-changed',
  'pathway_result_created',
  'note_created',
];

export const unknownEvent = fc
  .tuple(
    fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(...TRICKY_NAMES)),
    fc.oneof(
      fixture.map((body) => body.data),
      fc.dictionary(fc.string(), anyJson),
    ),
  )
  .map(([event, data]) =>
    hostileDelivery('an unknown or odd event name', JSON.stringify({ event, data })),
  );

/** Any JSON at all, or an envelope of anything. */
export const randomJson = fc.oneof(
  anyJson.map((value) => hostileDelivery('random JSON', JSON.stringify(value))),
  fc
    .record(
      {
        event: fc.oneof(fc.constantFrom(...ACCEPTED_EVENT_NAMES), anyJson),
        data: anyJson,
        extra: anyJson,
      },
      { requiredKeys: [] },
    )
    .map((body) => hostileDelivery('an envelope of anything', JSON.stringify(body))),
);

const BAD_UTF8 = [
  [0xff],
  [0xc0, 0xaf], // overlong '/'
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80], // a UTF-16 surrogate, encoded
  [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
  [0x80], // a continuation byte alone
  [0xe2, 0x82], // cut short
];

export const invalidUtf8 = fc.oneof(
  fc
    .tuple(
      fixture,
      fc.array(fc.tuple(fc.nat(), fc.constantFrom(...BAD_UTF8)), { minLength: 1, maxLength: 3 }),
    )
    .map(([body, insertions]) => {
      let bytes = Buffer.from(JSON.stringify(body));
      for (const [at, sequence] of insertions) {
        const i = at % (bytes.length + 1);
        bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from(sequence), bytes.subarray(i)]);
      }
      return hostileDelivery('invalid UTF-8', bytes);
    }),
  fc
    .tuple(fixture, fc.constantFrom<BufferEncoding>('latin1', 'utf16le'))
    .map(([body, encoding]) => {
      const text = JSON.stringify({
        ...body,
        data: { ...body.data, first_name: 'Zoë Ærøskøbing' },
      });
      return hostileDelivery(`JSON in ${encoding}`, Buffer.from(text, encoding));
    }),
);

export const deepNesting = fc
  .tuple(
    fixture,
    fc.oneof(
      fc.integer({ min: 2, max: MAX_DEPTH + 2 }),
      fc.integer({ min: 2, max: FUZZ_MAX_DEPTH }),
    ),
    fc.constantFrom('array' as const, 'object' as const),
    fc.constantFrom(...DEEP_SPOTS),
  )
  .map(([body, depth, shape, spot]) =>
    hostileDelivery(
      `${depth} levels of ${shape}s in ${spot}`,
      deepBody(body, nestedJson(depth, shape), spot),
      'application/json',
      tooDeep(depth, shape, spot),
    ),
  );

/** The refusal of nested JSON that deepBody puts at a spot, when it is too deep in all. */
function tooDeep(depth: number, shape: 'array' | 'object', spot: DeepSpot) {
  const around = pathTo(spot);
  if (around.length + depth <= MAX_DEPTH) return undefined;
  const inner = (shape === 'array' ? '[0]' : '.a').repeat(MAX_DEPTH - around.length);
  return {
    field: `body${around.join('')}${inner}`,
    message: `is nested deeper than ${MAX_DEPTH} levels`,
  };
}

/** The keys of the objects around the spot, one for each level of nesting. */
function pathTo(spot: DeepSpot): string[] {
  if (spot === 'whole body') return [];
  if (spot === 'data') return ['.data'];
  return ['.data', `.${deepField(spot)}`];
}

/**
 * Lists at the service's list limit and far beyond it, in a known list field or an unknown
 * one: refused before validation (which once took seconds over 40,000 `{}` solutions).
 */
export function longList(listLimit: number) {
  return fc
    .tuple(
      fixture,
      fc.oneof(
        fc.integer({ min: listLimit - 2, max: listLimit + 2 }),
        fc.integer({ min: listLimit + 1, max: 40_000 }),
      ),
      fc.constantFrom('0', '"label"', 'null', '{}', '[]', '{"__proto__":{"polluted":"yes"}}'),
      fc.constantFrom('labels', 'solutions', 'topics', 'many_things'),
    )
    .map(([body, length, item, field]) =>
      hostileDelivery(
        `${length} × ${item} in data.${field}`,
        spliceJson(
          (raw) => ({ ...body, data: { ...body.data, [field]: raw } }),
          `[${Array(length).fill(item).join(',')}]`,
        ),
        'application/json',
        length > listLimit
          ? {
              field: `body.data.${field}`,
              message: `has more than ${listLimit} items, the most a list may hold`,
            }
          : undefined,
      ),
    );
}

export function sized(limit: number) {
  return fc.oneof(
    fc
      .tuple(
        fixture,
        fc.integer({ min: -16, max: 16 }),
        fc.constantFrom('x', 'é', '€', '😀', '\u0000'),
      )
      .map(([body, delta, unit]) =>
        hostileDelivery(
          `limit ${delta >= 0 ? '+' : ''}${delta} bytes of ${JSON.stringify(unit)}`,
          paddedTo(body, limit + delta, unit),
        ),
      ),
    fc
      .tuple(fixture, fc.integer({ min: limit + 17, max: limit * 8 }))
      .map(([body, size]) => hostileDelivery(`${size} bytes`, paddedTo(body, size, 'x'))),
  );
}

/** JSON that parsers disagree on, or that only looks like JSON. */
const ODD_TEXTS = [
  '\ufeff{"event":"team_candidate_state_changed","data":{"id":"bom1","state":"invited"}}',
  '{"event":"nope","data":{},"event":"team_candidate_state_changed","data":{"id":"dup1","state":"invited"}}',
  ' \n\t{"event":"team_candidate_state_changed","data":{"id":"ws1"}}\r\n ',
  '{"event":"team_candidate_state_changed","data":{"id":"t1"}}garbage',
  '{"event":"team_candidate_state_changed","data":{"id":"n1","score":NaN}}',
  "{'event':'team_candidate_state_changed','data':{'id':'q1'}}",
  '{"event":"team_candidate_state_changed","data":{"id":"c1",},}',
  '{"event":"team_candidate_state_changed","data":{"id":"big1","big":12345678901234567890,"tiny":1e-400,"neg":-0}}',
  '{"event":"team_candidate_state_changed","data":{"id":"k1","\\u0000":"\\u0000","😀":"é","":""}}',
  '{"event":"team_candidate_state_changed","data":{"id":1234}}',
  '{"event":"team_candidate_state_changed","data":{"id":""}}',
  '{"event":"team_candidate_state_changed","data":{"id":"a/b/../c?d#e"}}',
  '{"event":"team_candidate_state_changed","data":{"id":"__proto__"}}',
  '{"event":"team_candidate_state_changed","data":null}',
  '{"event":"team_candidate_state_changed","data":[]}',
  '{"event":["team_candidate_state_changed"],"data":{"id":"e1"}}',
  'null',
  '""',
  '[]',
];

export const odd = fc.oneof(
  fc.constantFrom(...ODD_TEXTS).map((text) => hostileDelivery('odd JSON', text)),
  fc
    .uint8Array({ maxLength: 512 })
    .map((bytes) => hostileDelivery('random bytes', Buffer.from(bytes))),
  fc.constant(hostileDelivery('an empty body', '')),
);
