import { setTimeout as sleep } from 'node:timers/promises';
import { childInput, report, runChild } from '../support/child-io.js';
import { HttpClient } from '../support/http.js';
import { percentile } from '../support/stats.js';
import { bodyTemplates, idMaker, rotatingBodies, withId } from '../support/webhook-bodies.js';

export interface LagInput {
  webhookUrl: string;
  queryOrigin: string;
  /** Webhooks per second, paced evenly. */
  rate: number;
  durationSec: number;
  warmupSec: number;
  /** Every n-th webhook is a candidate state change whose visibility is timed. */
  probeEvery: number;
  /** The route to read with minPosition; `:id` is the candidate's id. */
  probePath: string;
}

export interface LagOutput {
  sent: number;
  accepted: number;
  achievedRate: number;
  postP50Ms: number;
  postP99Ms: number;
  probes: number;
  probeStatuses: Record<string, number>;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  /** Most webhooks the pacer was ever behind schedule (the client could not keep up). */
  maxBehind: number;
}

/**
 * Posts webhooks at a steady rate; for every n-th, as soon as it is answered 202, reads the
 * candidate back through the query API with minPosition set to the answer's position. The
 * time from the 202 to that read's answer is how long the change took to become visible.
 */
runChild(async () => {
  const input = childInput<LagInput>();
  const webhook = new URL(input.webhookUrl);
  const ingest = new HttpClient(webhook.origin);
  const query = new HttpClient(input.queryOrigin);
  const probeTemplate = bodyTemplates(['team_candidate_state_changed'])[0];
  const otherBodies = rotatingBodies(
    bodyTemplates().filter((t) => t.event !== 'team_candidate_state_changed'),
  );
  const nextId = idMaker();

  const pace = async (seconds: number, record: boolean) => {
    const posts: number[] = [];
    const lags: number[] = [];
    const probeStatuses: Record<string, number> = {};
    let accepted = 0;
    let maxBehind = 0;
    const total = Math.round(input.rate * seconds);
    const pending = new Set<Promise<void>>();

    const sendOne = async (n: number) => {
      const probe = n % input.probeEvery === 0;
      const id = nextId();
      const body = probe ? withId(probeTemplate, id) : otherBodies();
      const sentAt = performance.now();
      const answer = await ingest.send('POST', webhook.pathname, body);
      const answeredAt = performance.now();
      posts.push(answeredAt - sentAt);
      if (answer.status !== 202) return;
      accepted += 1;
      if (!probe) return;
      const { position } = JSON.parse(answer.body) as { position: string };
      const path = `${input.probePath.replace(':id', id)}?minPosition=${position}`;
      const read = await query.send('GET', path);
      lags.push(performance.now() - answeredAt);
      probeStatuses[read.status] = (probeStatuses[read.status] ?? 0) + 1;
    };

    const started = performance.now();
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * input.rate));
      maxBehind = Math.max(maxBehind, due - sent);
      for (; sent < due; sent++) {
        const task = sendOne(sent).catch(() => undefined);
        pending.add(task);
        void task.finally(() => pending.delete(task));
      }
      await sleep(1);
    }
    const sentSeconds = (performance.now() - started) / 1000;
    await Promise.all(pending);
    if (!record) return undefined;
    return {
      sent,
      accepted,
      achievedRate: sent / sentSeconds,
      postP50Ms: percentile(posts, 50),
      postP99Ms: percentile(posts, 99),
      probes: lags.length,
      probeStatuses,
      lagP50Ms: percentile(lags, 50),
      lagP99Ms: percentile(lags, 99),
      lagMaxMs: percentile(lags, 100),
      maxBehind,
    } satisfies LagOutput;
  };

  if (input.warmupSec > 0) await pace(input.warmupSec, false);
  report(await pace(input.durationSec, true));
  ingest.close();
  query.close();
});
