import type { StoredEvent } from './stored-events.js';
import { GeneratedCandidate } from './history/candidate.js';
import { generateCatalogue, retireSome } from './history/catalogue.js';
import { deliver, type DeliveryStats } from './history/deliveries.js';
import { Happenings } from './history/happenings.js';
import { Journey } from './history/journey.js';
import { DAY, Random } from './history/random.js';

export interface HistoryOptions {
  seed?: number;
  /** Team candidates taking assessments; each takes one or more. */
  candidates?: number;
  /** About how many events to store (deliveries, including repeats and noise). */
  events?: number;
  assessments?: number;
  reviewers?: number;
  duplicateRate?: number;
  lateRate?: number;
  missingRate?: number;
  /** Share of deliveries followed by one no read model uses (notes, unknown event names). */
  noiseRate?: number;
  /** When the history starts (ISO-8601). */
  start?: string;
}

export interface GeneratedHistory {
  /** In log order: as the ledger received them. */
  events: StoredEvent[];
  stats: DeliveryStats;
}

const DEFAULTS: Required<HistoryOptions> = {
  seed: 1,
  candidates: 300,
  events: 10_000,
  assessments: 6,
  reviewers: 8,
  duplicateRate: 0.03,
  lateRate: 0.03,
  missingRate: 0.01,
  noiseRate: 0.005,
  start: '2024-01-01T00:00:00.000Z',
};

/**
 * A realistic Qualified history in the form ingestion stores it: a catalogue of assessments
 * and challenges, then candidates invited, starting, solving, submitting, reviewed, labelled
 * and decided on, with both generations of event names, repeated, late and missing
 * deliveries. Deterministic: the same options give the same events.
 */
export function generateHistory(options: HistoryOptions = {}): GeneratedHistory {
  const o = { ...DEFAULTS, ...options };
  const random = new Random(o.seed);
  const out = new Happenings();
  const start = Date.parse(o.start);
  const catalogue = generateCatalogue(random, out, start, o.assessments);
  const reviewers = Array.from({ length: o.reviewers }, () => random.objectId(start));
  const candidates = Array.from(
    { length: o.candidates },
    (_, n) => new GeneratedCandidate(random, n, start + DAY),
  );
  const happenings = o.events / (1 + o.duplicateRate + o.noiseRate - o.missingRate);
  for (let n = 0; out.count < happenings; n++) {
    const candidate = candidates[n % candidates.length];
    new Journey(random, out, candidate, random.pick(catalogue), reviewers).run();
  }
  const end = Math.max(...candidates.map((candidate) => candidate.clock));
  retireSome(random, out, catalogue, end + DAY);
  return deliver(random, out.all, {
    duplicates: o.duplicateRate,
    late: o.lateRate,
    missing: o.missingRate,
    noise: o.noiseRate,
  });
}
