import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sendDeliveries, type SendSummary } from '../../../src/cli/simulate/send-deliveries.js';
import { simulatedTraffic, type WebhookBody } from '../../../src/simulation/webhook-bodies.js';
import { getJson } from '../../support/service.js';
import { repeatUntilStopped } from './repeat-until-stopped.js';

/** Webhooks a second, at most CONCURRENCY in flight: as `ledger simulate` sends them. */
const RATE = 100;
const CONCURRENCY = 8;
/** One generated history (about 30 deliveries a candidate) after another, each its own seed. */
const CANDIDATES_PER_HISTORY = 100;

export interface SentTraffic {
  /** One per generated history sent. */
  summaries: SendSummary[];
  /** How often each body was sent, by its key. */
  sent: Map<string, number>;
}

/**
 * Posts the webhooks of generated Qualified histories to `url`, at a steady rate, until
 * `seconds` have passed: a new seed's history whenever one is used up.
 */
export async function sendSimulatedTraffic(url: string, seconds: number): Promise<SentTraffic> {
  const deadline = performance.now() + seconds * 1000;
  const traffic: SentTraffic = { summaries: [], sent: new Map() };
  for (let seed = 1; performance.now() < deadline; seed += 1) {
    const bodies = simulatedTraffic({ seed, candidates: CANDIDATES_PER_HISTORY });
    const summary = await sendDeliveries(bodies, {
      url,
      rate: RATE,
      concurrency: CONCURRENCY,
      durationMs: deadline - performance.now(),
    });
    traffic.summaries.push(summary);
    // sendDeliveries sends the bodies in order and stops at the deadline: the first `sent`.
    for (const body of bodies.slice(0, summary.sent)) count(traffic.sent, bodyKey(body));
  }
  return traffic;
}

/** Short enough to keep hours of traffic in memory, readable enough for a failure message. */
export function bodyKey(body: WebhookBody): string {
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  return `${body.event} ${String(body.data.id)} ${hash.slice(0, 16)}`;
}

export function count<K>(tally: Map<K, number>, key: K): void {
  tally.set(key, (tally.get(key) ?? 0) + 1);
}

export interface QueryTraffic {
  /** Stops reading; resolves with every answer that was not 200. */
  stop(): Promise<string[]>;
}

const QUERY_PAUSE_MS = 100;

/**
 * A user reading the query API while webhooks arrive: the newest candidates, one of them
 * with its timeline and results, the reviews, the catalogue and the funnel, over and over.
 */
export function startQueryTraffic(queryUrl: string): QueryTraffic {
  const failures: string[] = [];
  const read = async (path: string) => {
    const answer = await getJson(`${queryUrl}${path}`);
    if (answer.status !== 200) failures.push(`GET ${path}: ${answer.status}`);
    return answer.body;
  };
  let round = 0;
  const reading = repeatUntilStopped(async () => {
    const candidates = (await read('/candidates?limit=20')).items ?? [];
    const id = candidates[round++ % Math.max(candidates.length, 1)]?.id;
    if (id) {
      await read(`/candidates/${id}`);
      await read(`/candidates/${id}/timeline`);
      await read(`/assessment-results?candidateId=${id}`);
    }
    await read('/reviews?limit=20');
    await read('/assessments');
    await read('/stats/funnel');
    await sleep(QUERY_PAUSE_MS);
  });
  return {
    stop: async () => {
      await reading.stop();
      return failures;
    },
  };
}
