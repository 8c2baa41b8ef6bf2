/** How far back a rate looks when it is read often enough: a minute. */
const WINDOW_MS = 60_000;
/** Readings closer together than this share a sample, so frequent readers keep few. */
const SPACING_MS = 1_000;

interface Sample {
  at: number;
  value: number;
}

/**
 * The per-second rate of a growing count, from samples taken whenever it is read: over the
 * last minute when it is read at least that often, else since the reading before. Unlike
 * a rate since the previous scrape, it does not depend on how many scrapers read it.
 */
export class RateWindow {
  private samples: Sample[] = [];

  /** Adds a reading; returns the rate per second, or null until a reading before it exists. */
  record(value: number, at = Date.now()): number | null {
    if (value < (this.samples.at(-1)?.value ?? value)) this.samples = [];
    const last = this.samples.at(-1);
    if (!last || at - last.at >= SPACING_MS) this.samples.push({ at, value });
    while (this.samples.length > 2 && this.samples[1].at <= at - WINDOW_MS) this.samples.shift();
    const first = this.samples[0];
    return first.at < at ? (value - first.value) / ((at - first.at) / 1000) : null;
  }
}
