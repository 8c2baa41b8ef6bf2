import { EventStoreDBClient } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBTestServer } from '../../../test/support/eventstoredb-test-server.js';
import { eventually } from '../../../test/support/eventually.js';
import { EventStoreDbEventStore } from '../../eventstore/esdb/eventstoredb-event-store.js';
import { LedgerMetrics } from '../../platform/metrics/ledger-metrics.js';
import type { DeliveryRecord } from '../delivery/delivery-record.js';
import { DeliverySpool } from './delivery-spool.js';
import { SpoolForwarder } from './spool-forwarder.js';

const delivery = (stream: string, n: number): DeliveryRecord => ({
  stream,
  event: { id: randomUUID(), type: 'team_candidate_label_added', data: { n }, metadata: {} },
});

describe('SpoolForwarder', () => {
  let dir: string;
  let server: EventStoreDBTestServer;
  let store: EventStoreDbEventStore;
  let spool: DeliverySpool;
  let forwarder: SpoolForwarder | undefined;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-forwarder-'));
    server = await EventStoreDBTestServer.start();
    store = new EventStoreDbEventStore({ connectionString: server.connectionString });
    spool = new DeliverySpool(join(dir, 'spool.sqlite'));
  });
  afterEach(async () => {
    await forwarder?.onApplicationShutdown();
    forwarder = undefined;
    await store.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const drain = () => {
    forwarder = new SpoolForwarder(
      spool,
      store,
      { initialRetryMs: 10, maxRetryMs: 50 },
      new LedgerMetrics(),
    );
    forwarder.onApplicationBootstrap();
    return forwarder;
  };
  const numbers = async (stream: string) =>
    (await store.readStream(stream)).map((event) => (event.data as { n: number }).n);

  it('forwards the deliveries of many streams once each, every stream in arrival order', async () => {
    const streams = ['teamCandidate-a', 'teamCandidate-b', 'assessmentResult-c'];
    for (let n = 0; n < 300; n += 1) spool.add(delivery(streams[(n * 7) % 3], n), false);
    const forwarding = drain();
    await eventually(() => expect(forwarding.waiting).toBe(0));
    for (const stream of streams) {
      const expected = Array.from({ length: 300 }, (_, n) => n).filter(
        (n) => streams[(n * 7) % 3] === stream,
      );
      expect(await numbers(stream)).toEqual(expected);
    }
  });

  it('does not store twice a delivery whose earlier attempt reached the store after all', async () => {
    const landed = delivery('teamCandidate-a', 0);
    await store.append(landed.stream, [landed.event]);
    spool.add(landed, true);
    spool.add(delivery('teamCandidate-a', 1), true);
    spool.add(delivery('teamCandidate-a', 2), false);
    const forwarding = drain();
    await eventually(() => expect(forwarding.waiting).toBe(0));
    expect(await numbers('teamCandidate-a')).toEqual([0, 1, 2]);
  });

  it('forwards the other streams while the store refuses one, and keeps that one spooled', async () => {
    await store.append('teamCandidate-gone', [delivery('teamCandidate-gone', -1).event]);
    const client = EventStoreDBClient.connectionString(server.connectionString);
    await client.tombstoneStream('teamCandidate-gone');
    await client.dispose();
    for (let n = 0; n < 10; n += 1) {
      spool.add(delivery(n % 2 ? 'teamCandidate-gone' : 'teamCandidate-a', n), false);
    }
    const forwarding = drain();
    await eventually(async () => expect(await numbers('teamCandidate-a')).toEqual([0, 2, 4, 6, 8]));
    await eventually(() => expect(forwarding.waiting).toBe(5));
  });
});
