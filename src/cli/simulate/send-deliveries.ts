import { setTimeout as sleep } from 'node:timers/promises';
import type { WebhookBody } from '../../simulation/webhook-bodies.js';

export interface SendOptions {
  url: string;
  /** Requests started per second. */
  rate: number;
  /** Most requests in flight at once. */
  concurrency: number;
  /** No request is started this many milliseconds after the first; undefined: no limit. */
  durationMs?: number;
  /** Told after each answer. */
  onAnswer?(summary: SendSummary): void;
}

export interface SendSummary {
  sent: number;
  /** Answers by HTTP status. */
  statuses: Map<number, number>;
  /** Requests that got no answer, by reason. */
  errors: Map<string, number>;
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * POSTs the bodies in order, the n-th no sooner than n / rate seconds after the first,
 * with at most `concurrency` in flight; stops when the bodies or the duration run out.
 */
export async function sendDeliveries(
  bodies: readonly WebhookBody[],
  options: SendOptions,
): Promise<SendSummary> {
  const summary: SendSummary = { sent: 0, statuses: new Map(), errors: new Map() };
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < bodies.length; index = next++) {
      const offset = (index * 1000) / options.rate;
      if (options.durationMs !== undefined && offset >= options.durationMs) return;
      await sleep(Math.max(0, started + offset - performance.now()));
      const outcome = await post(options.url, bodies[index]);
      summary.sent += 1;
      if (typeof outcome === 'number') count(summary.statuses, outcome);
      else count(summary.errors, outcome);
      options.onAnswer?.(summary);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return summary;
}

function count<K>(tally: Map<K, number>, key: K): void {
  tally.set(key, (tally.get(key) ?? 0) + 1);
}

/** The answer's status, or why there was none. */
async function post(url: string, body: WebhookBody): Promise<number | string> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'ledger simulate' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    return describeFailure(error);
  }
}

/** The network's reason (ECONNREFUSED, a timeout), else the error's message. */
function describeFailure(error: unknown): string {
  const { cause, message } = error as {
    cause?: { code?: string; message?: string };
    message?: string;
  };
  return cause?.code ?? cause?.message ?? message ?? String(error);
}

/** True when every request was answered with a 2xx status. */
export function allAccepted(summary: SendSummary): boolean {
  return (
    summary.errors.size === 0 && [...summary.statuses.keys()].every((s) => s >= 200 && s < 300)
  );
}
