import { EventStoreDbEventStore } from '../../src/eventstore/esdb/eventstoredb-event-store.js';
import { childInput, report, runChild } from '../support/child-io.js';
import { percentile } from '../support/stats.js';
import { bodyTemplates, rotatingBodies } from '../support/webhook-bodies.js';

export interface EsdbInput {
  connectionString: string;
  events: number;
  /** Appends in flight at once. */
  concurrency: number;
}

export interface EsdbOutput {
  appendsPerSec: number;
  appendP50Ms: number;
  appendP99Ms: number;
  subscriptionEventsPerSec: number;
  events: number;
}

/**
 * The EventStoreDB adapter against a server: appends of one webhook-like event each, a
 * fixed number in flight, then a catch-up subscription to $all reading them back.
 */
runChild(async () => {
  const { connectionString, events, concurrency } = childInput<EsdbInput>();
  const store = new EventStoreDbEventStore({ connectionString });
  const nextBody = rotatingBodies(bodyTemplates());
  const appendOne = async () => {
    const { event, data } = JSON.parse(nextBody()) as { event: string; data: { id: string } };
    const started = performance.now();
    await store.append(`bench-${data.id}`, [
      {
        id: crypto.randomUUID(),
        type: event,
        data,
        metadata: { receivedAt: new Date().toISOString() },
      },
    ]);
    return performance.now() - started;
  };
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < events) latencies.push(await appendOne());
    }),
  );
  const appendSeconds = (performance.now() - started) / 1000;

  const subscribed = performance.now();
  const subscription = store.subscribeToAll();
  let read = 0;
  for await (const message of subscription) {
    if (message.kind === 'event') read += 1;
    if (read >= events || message.kind === 'caught-up') break;
  }
  const readSeconds = (performance.now() - subscribed) / 1000;
  await subscription.close();
  await store.close();
  report({
    appendsPerSec: events / appendSeconds,
    appendP50Ms: percentile(latencies, 50),
    appendP99Ms: percentile(latencies, 99),
    subscriptionEventsPerSec: read / readSeconds,
    events: read,
  } satisfies EsdbOutput);
});
