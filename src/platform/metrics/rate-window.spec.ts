import { RateWindow } from './rate-window.js';

describe('RateWindow', () => {
  it('has no rate from one reading', () => {
    expect(new RateWindow().record(100, 0)).toBeNull();
  });

  it('gives the rate since the reading before when readings are a minute or more apart', () => {
    const rate = new RateWindow();
    rate.record(0, 0);
    expect(rate.record(1_200, 120_000)).toBe(10);
    expect(rate.record(1_800, 240_000)).toBe(5);
  });

  it('gives the rate over the last minute when read more often', () => {
    const rate = new RateWindow();
    for (const second of [0, 15, 30, 45]) rate.record(0, second * 1000);
    rate.record(300, 60_000);
    rate.record(450, 75_000);
    // At 90 s the window reaches back to the reading at 30 s.
    expect(rate.record(600, 90_000)).toBe(10);
  });

  it('starts over when the count goes back', () => {
    const rate = new RateWindow();
    rate.record(500, 0);
    expect(rate.record(10, 10_000)).toBeNull();
    expect(rate.record(30, 20_000)).toBe(2);
  });

  it('keeps one sample for readings less than a second apart', () => {
    const rate = new RateWindow();
    rate.record(0, 0);
    expect(rate.record(5, 500)).toBe(10);
    expect(rate.record(20, 2_000)).toBe(10);
  });
});
