import { MAX_DEPTH, MAX_VALUES } from './json-shape.js';
import { readStorableJson } from './storable-json.js';

const limits = { maxListItems: 1000 };
const read = (text: string) => readStorableJson(text, limits);
const list = (length: number, item: string) => `[${Array(length).fill(item).join(',')}]`;
const nested = (depth: number) => `${'['.repeat(depth)}"bottom"${']'.repeat(depth)}`;

describe('readStorableJson', () => {
  it('parses ordinary webhook bodies', () => {
    const body = { event: 'x', data: { id: 'a', list: [1, 'é😀', null, { b: true }] } };
    expect(read(JSON.stringify(body))).toEqual({ value: body });
    expect(read(`{"data":${nested(MAX_DEPTH - 1)}}`)).toHaveProperty('value');
  });

  it('says why text is not JSON', () => {
    expect(read('{"event":')).toEqual({ notJson: expect.stringMatching(/JSON/) });
  });

  it('names the place nested too deep, at any depth, without parsing it', () => {
    const tooDeep = {
      unstorable: {
        field: `body.data${'[0]'.repeat(MAX_DEPTH - 1)}`,
        message: `is nested deeper than ${MAX_DEPTH} levels`,
      },
    };
    expect(read(`{"data":${nested(MAX_DEPTH)}}`)).toEqual(tooDeep);
    expect(read(`{"data":${nested(1_000_000)}}`)).toEqual(tooDeep);
    // Unclosed, so not JSON at all: the nesting is found first.
    expect(read('{"a":'.repeat(100_000))).toHaveProperty(
      'unstorable.field',
      `body${'.a'.repeat(MAX_DEPTH)}`,
    );
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const brackets = `"\\"${'[{'.repeat(MAX_DEPTH)}\\\\"`;
    expect(read(`{"data":{"note":${brackets}}}`)).toHaveProperty('value.data.note');
  });

  it('names a list longer than the limit, whatever its items', () => {
    expect(read(`{"data":{"id":"a","solutions":${list(1000, '{}')}}}`)).toHaveProperty('value');
    for (const item of ['{}', '0', '"label"', '[]']) {
      expect(read(`{"data":{"id":"a","solutions":${list(1001, item)}}}`)).toEqual({
        unstorable: {
          field: 'body.data.solutions',
          message: 'has more than 1000 items, the most a list may hold',
        },
      });
    }
    expect(read(`[{"id":"a"},{"id":"b","tags":${list(40_000, '"x,]"')}}]`)).toEqual({
      unstorable: {
        field: 'body[1].tags',
        message: 'has more than 1000 items, the most a list may hold',
      },
    });
  });

  it('refuses more values in all than the budget, however they are spread', () => {
    const lists = Math.ceil(MAX_VALUES / 1000);
    const refusal = {
      unstorable: { field: 'body', message: `holds more than ${MAX_VALUES} values` },
    };
    expect(read(list(lists, list(1000, '0')))).toEqual(refusal);
    const keys = Array.from({ length: MAX_VALUES }, (_, i) => `"k${i}":0`);
    expect(read(`{"data":{${keys.join(',')}}}`)).toEqual(refusal);
    expect(read(list(lists - 1, list(1000, '0')))).toHaveProperty('value');
  });

  it('names a number beyond a double and a lone surrogate in a value or a key', () => {
    expect(read('{"data":{"score":1e999}}')).toEqual({
      unstorable: { field: 'body.data.score', message: 'is a number too large to store' },
    });
    expect(read('{"data":{"names":["ok","\\ud800x"]}}')).toEqual({
      unstorable: {
        field: 'body.data.names[1]',
        message: 'is not valid Unicode (a lone surrogate)',
      },
    });
    expect(read('{"data":{"\\udc00":1}}')).toEqual({
      unstorable: { field: 'body.data', message: 'has a key that is not valid Unicode' },
    });
  });
});
