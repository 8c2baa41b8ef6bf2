import { Position } from './position.js';

describe('Position', () => {
  it('serialises equal commit and prepare as one number and parses it back', () => {
    const position = new Position(42n);
    expect(position.toString()).toBe('42');
    expect(Position.parse('42').equals(position)).toBe(true);
    expect(JSON.stringify({ position })).toBe('{"position":"42"}');
  });

  it('serialises a differing prepare as commit/prepare and parses it back', () => {
    const position = new Position(1200n, 1100n);
    expect(position.toString()).toBe('1200/1100');
    expect(Position.parse('1200/1100').equals(position)).toBe(true);
  });

  it('orders by commit, then prepare, beyond the range of a double', () => {
    const big = new Position(2n ** 63n);
    expect(big.isAfter(new Position(2n ** 63n - 1n))).toBe(true);
    expect(new Position(5n, 3n).compare(new Position(5n, 4n))).toBe(-1);
    expect(new Position(6n, 1n).compare(new Position(5n, 9n))).toBe(1);
  });

  it('refuses text that is not a position, saying what it expected', () => {
    expect(() => Position.parse('abc')).toThrow(/expected a number or "commit\/prepare"/);
    expect(() => Position.parse('-1')).toThrow();
    expect(() => Position.parse('1/2/3')).toThrow();
  });
});
