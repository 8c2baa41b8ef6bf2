import {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  InvalidCursorError,
  MAX_PAGE_SIZE,
  pageSize,
  toPage,
} from './pagination.js';

describe('pagination', () => {
  it('pages hold the asked number of rows, within bounds', () => {
    expect(pageSize(undefined)).toBe(DEFAULT_PAGE_SIZE);
    expect(pageSize(7)).toBe(7);
    expect(pageSize(MAX_PAGE_SIZE + 1)).toBe(MAX_PAGE_SIZE);
    expect(() => pageSize(0)).toThrow(RangeError);
    expect(() => pageSize(2.5)).toThrow(RangeError);
  });

  it('a cursor gives back the sort key it was made of', () => {
    const cursor = encodeCursor(['2024-01-12T15:00:00.000Z', 'abc']);
    expect(decodeCursor(cursor, ['string', 'string'])).toEqual(['2024-01-12T15:00:00.000Z', 'abc']);
    expect(decodeCursor(encodeCursor([3]), ['number'])).toEqual([3]);
  });

  it('refuses a cursor that is not one of the list', () => {
    expect(() => decodeCursor('not json', ['string'])).toThrow(InvalidCursorError);
    expect(() => decodeCursor(encodeCursor([3]), ['string'])).toThrow(InvalidCursorError);
    expect(() => decodeCursor(encodeCursor(['a', 'b']), ['string'])).toThrow(InvalidCursorError);
  });

  it('a page has a next cursor only when a row follows it', () => {
    const key = (n: number) => [n];
    expect(toPage([1, 2, 3], 2, String, key)).toEqual({
      items: ['1', '2'],
      next: encodeCursor([2]),
    });
    expect(toPage([1, 2], 2, String, key)).toEqual({ items: ['1', '2'], next: null });
  });
});
