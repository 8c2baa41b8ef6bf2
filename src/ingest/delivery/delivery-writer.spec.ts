import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bulk, leaveRoomFor } from '../../../test/support/nearly-full-disk.js';
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

  /** A writer whose event store is unavailable, with a spool. */
  const writerWithSpool = async () => {
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    await store.close();
    const spool = new DeliverySpool(join(dir, 'spool.sqlite'));
    const forwarder = new SpoolForwarder(
      spool,
      store,
      { initialRetryMs: 10, maxRetryMs: 10 },
      metrics,
    );
    return { spool, forwarder, writer: new DeliveryWriter(store, metrics, forwarder) };
  };

  it('reports the store unavailable when neither the store nor the spool can take a delivery', async () => {
    const { spool, writer } = await writerWithSpool();
    spool.close();
    await expect(writer.write(record)).rejects.toMatchObject({
      name: 'StoreUnavailableError',
      message: expect.stringMatching(/Neither the event store nor the local spool/),
    });
  });

  it('keeps a delivery in the spool when the store is unavailable', async () => {
    const { spool, forwarder, writer } = await writerWithSpool();
    expect(await writer.write(record)).toEqual({ spooled: true });
    expect(spool.oldest(1)).toMatchObject([{ stream: record.stream, attempted: true }]);
    expect(forwarder.waiting).toBe(1);
    spool.close();
  });

  it('answers a delivery the spool cannot commit as unavailable and spools only those it acknowledged', async () => {
    const { spool, forwarder, writer } = await writerWithSpool();
    leaveRoomFor(spool, 64 * 1024);
    const large = {
      stream: 'teamCandidate-2',
      event: {
        ...record.event,
        id: '5d0c2b8e-8a4f-4c1e-9b7a-3f2e1d0c9b8a',
        data: { notes: bulk(200) },
      },
    };

    const outcomes = await Promise.allSettled([writer.write(record), writer.write(large)]);

    expect(outcomes).toEqual([
      { status: 'fulfilled', value: { spooled: true } },
      { status: 'rejected', reason: expect.objectContaining({ name: 'StoreUnavailableError' }) },
    ]);
    expect(spool.oldest(10)).toEqual([
      expect.objectContaining({
        stream: record.stream,
        event: expect.objectContaining({ id: record.event.id }),
      }),
    ]);
    expect([spool.depth(), forwarder.waiting]).toEqual([1, 1]);
    spool.close();
  });
});
