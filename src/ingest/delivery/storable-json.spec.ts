import { findUnstorableValue, MAX_DEPTH } from './storable-json.js';

const nested = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
};

describe('findUnstorableValue', () => {
  it('accepts ordinary webhook bodies', () => {
    expect(
      findUnstorableValue({ event: 'x', data: { id: 'a', list: [1, 'é😀', null, { b: true }] } }),
    ).toBeUndefined();
    expect(findUnstorableValue({ data: nested(MAX_DEPTH - 2) })).toBeUndefined();
  });

  it('names the place nested too deep, without overflowing the stack at any depth', () => {
    expect(findUnstorableValue({ data: nested(100_000) })).toEqual({
      field: `body.data${'[0]'.repeat(MAX_DEPTH)}`,
      message: `is nested deeper than ${MAX_DEPTH} levels`,
    });
  });

  it('names a number beyond a double and a lone surrogate in a value or a key', () => {
    expect(findUnstorableValue(JSON.parse('{"data":{"score":1e999}}'))).toEqual({
      field: 'body.data.score',
      message: 'is a number too large to store',
    });
    expect(findUnstorableValue(JSON.parse('{"data":{"name":"\\ud800x"}}'))).toEqual({
      field: 'body.data.name',
      message: 'is not valid Unicode (a lone surrogate)',
    });
    expect(findUnstorableValue(JSON.parse('{"data":{"\\udc00":1}}'))).toEqual({
      field: 'body.data',
      message: 'has a key that is not valid Unicode',
    });
  });
});
