import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventStoreDbEventStore } from '../../src/eventstore/esdb/eventstoredb-event-store.js';
import type { RecordedEvent } from '../../src/eventstore/event-store.port.js';
import { classifyDelivery } from '../../src/ingest/delivery/classify-delivery.js';
import {
  toDeliveryRecord,
  type DeliveryRecord,
} from '../../src/ingest/delivery/delivery-record.js';
import { DeliverySpool, spoolFile } from '../../src/ingest/spool/delivery-spool.js';
import { SpoolForwarder } from '../../src/ingest/spool/spool-forwarder.js';
import { LedgerMetrics } from '../../src/platform/metrics/ledger-metrics.js';
import { childInput, report, runChild } from '../support/child-io.js';
import { bodyTemplates, idMaker, withId } from '../support/webhook-bodies.js';

export interface SpoolInput {
  connectionString: string;
  dir: string;
  deliveries: number;
  /** Entities the deliveries are about; each has a stream per resource type it touches. */
  entities: number;
  /** Deliveries spooled after a direct append timed out: half of them had landed after all. */
  attempted: number;
}

export interface SpoolOutput {
  deliveriesPerSec: number;
  streams: number;
  /** Spooled deliveries missing from the log, or stored more than once. */
  lost: number;
  doubled: number;
  /** Events in the log that were not spooled. */
  unexpected: number;
  /** Events stored before one that arrived earlier in the same stream. */
  outOfOrder: number;
}

/**
 * A spool as an outage leaves it (deliveries of many streams, interleaved, a few tried
 * before), drained by the real SpoolForwarder into an EventStoreDB server; then the log is
 * read back and checked against the spool.
 */
runChild(async () => {
  const input = childInput<SpoolInput>();
  Logger.overrideLogger(['error']);
  const records = deliveries(input);
  const store = new EventStoreDbEventStore({ connectionString: input.connectionString });
  for (const { stream, event } of records.slice(0, input.attempted / 2)) {
    await store.append(stream, [event]);
  }
  fillSpool(input.dir, records, input.attempted);

  const forwarder = new SpoolForwarder(
    new DeliverySpool(spoolFile(input.dir)),
    store,
    { initialRetryMs: 200, maxRetryMs: 5000 },
    new LedgerMetrics(),
  );
  const started = performance.now();
  forwarder.onApplicationBootstrap();
  while (forwarder.waiting > 0) await sleep(5);
  const seconds = (performance.now() - started) / 1000;
  await forwarder.onApplicationShutdown();

  const events = await store.readAll();
  await store.close();
  report({
    deliveriesPerSec: records.length / seconds,
    streams: new Set(records.map((record) => record.stream)).size,
    ...compare(records, events),
  } satisfies SpoolOutput);
});

/** Webhook bodies about `entities` entities, each delivery recorded as ingestion records it. */
function deliveries({ deliveries, entities }: SpoolInput): DeliveryRecord[] {
  const templates = bodyTemplates();
  const newId = idMaker();
  const ids = Array.from({ length: entities }, newId);
  return Array.from({ length: deliveries }, (_, i) => {
    const body = Buffer.from(
      withId(templates[i % templates.length], ids[Math.floor(Math.random() * entities)]),
    );
    const classified = classifyDelivery(body, 'application/json', { maxListItems: 1000 });
    return toDeliveryRecord(classified, { deliveryId: randomUUID(), receivedAt: new Date(), body });
  });
}

/**
 * Writes the spool in one transaction: adding deliveries one by one, each synced as ingestion
 * does, would take minutes. The spool's own class makes the table first.
 */
function fillSpool(dir: string, records: DeliveryRecord[], attempted: number): void {
  new DeliverySpool(spoolFile(dir)).close();
  const db = new Database(spoolFile(dir));
  const insert = db.prepare(
    'INSERT INTO spool (stream, event_id, type, data, metadata, attempted) VALUES (?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() =>
    records.forEach(({ stream, event }, i) =>
      insert.run(
        stream,
        event.id,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        i < attempted ? 1 : 0,
      ),
    ),
  )();
  db.close();
}

function compare(records: DeliveryRecord[], events: RecordedEvent[]) {
  const spooled = new Set(records.map((record) => record.event.id));
  const copies = new Map<string, number>();
  for (const event of events) copies.set(event.id, (copies.get(event.id) ?? 0) + 1);
  const arrival = new Map(records.map((record, i) => [record.event.id, i]));
  const lastInStream = new Map<string, number>();
  let outOfOrder = 0;
  for (const event of [...events].sort((a, b) => Number(a.revision - b.revision))) {
    const at = arrival.get(event.id) ?? -1;
    if (at < (lastInStream.get(event.stream) ?? -1)) outOfOrder += 1;
    lastInStream.set(event.stream, at);
  }
  return {
    lost: [...spooled].filter((id) => !copies.has(id)).length,
    doubled: [...copies.values()].filter((count) => count > 1).length,
    unexpected: events.filter((event) => !spooled.has(event.id)).length,
    outOfOrder,
  };
}
