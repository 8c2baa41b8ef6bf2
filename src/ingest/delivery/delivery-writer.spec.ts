import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { LedgerMetrics } from '../../platform/metrics/ledger-metrics.js';
import { DeliverySpool } from '../spool/delivery-spool.js';
import { SpoolForwarder } from '../spool/spool-forwarder.js';
import { DeliveryWriter } from './delivery-writer.js';

describe('DeliveryWriter', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-writer-'));
    metrics = new LedgerMetrics();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  let metrics: LedgerMetrics;
  const record = {
    stream: 'teamCandidate-1',
    event: { id: '0b6c8f0e-3f59-4a51-9d4e-0d8f4c1b2a11', type: 't', data: {}, metadata: {} },
  };

  it('reports the store unavailable when neither the store nor the spool can take a delivery', async () => {
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    await store.close();
    const spool = new DeliverySpool(join(dir, 'spool.sqlite'));
    const forwarder = new SpoolForwarder(
      spool,
      store,
      { initialRetryMs: 10, maxRetryMs: 10 },
      metrics,
    );
    spool.close();
    const writer = new DeliveryWriter(store, metrics, forwarder);
    await expect(writer.write(record)).rejects.toMatchObject({
      name: 'StoreUnavailableError',
      message: expect.stringMatching(/Neither the event store nor the local spool/),
    });
  });

  it('keeps a delivery in the spool when the store is unavailable', async () => {
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    await store.close();
    const spool = new DeliverySpool(join(dir, 'spool.sqlite'));
    const forwarder = new SpoolForwarder(
      spool,
      store,
      { initialRetryMs: 10, maxRetryMs: 10 },
      metrics,
    );
    const writer = new DeliveryWriter(store, metrics, forwarder);
    expect(await writer.write(record)).toEqual({ spooled: true });
    expect(spool.oldest(1)).toMatchObject([{ stream: record.stream, attempted: true }]);
    expect(forwarder.waiting).toBe(1);
    spool.close();
  });
});
