import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { EventStoreDbEventStore } from '../../src/eventstore/esdb/eventstoredb-event-store.js';
import { EventStoreDBTestServer } from '../support/eventstoredb-test-server.js';
import { collect, newEvent, uniqueStream } from './event-store.contract.js';

describe('EventStoreDB adapter', () => {
  let server: EventStoreDBTestServer;
  let store: EventStoreDbEventStore;

  async function start(options: { batchAppend?: boolean } = {}) {
    server = await EventStoreDBTestServer.start(options);
    store = new EventStoreDbEventStore({
      connectionString: server.connectionString,
      appendTimeoutMs: 1000,
      resubscribe: { initialDelayMs: 20, maxDelayMs: 200 },
    });
  }

  beforeEach(() => start());

  afterEach(async () => {
    await store.close();
    await server.stop();
  });

  it('never returns the server system events', async () => {
    expect(await store.headPosition()).toBeUndefined();
    expect(await store.readAll()).toEqual([]);
    const event = newEvent();
    await store.append(uniqueStream(), [event]);
    expect((await store.readAll()).map((read) => read.id)).toEqual([event.id]);
    expect((await store.readAll({ limit: 1 })).map((read) => read.id)).toEqual([event.id]);
  });

  it('never returns events of the server streams, whatever their type', async () => {
    const ours = newEvent();
    const written = await store.append(uniqueStream(), [ours]);
    const client = EventStoreDBClient.connectionString(server.connectionString);
    await client.appendToStream('$ce-contract', jsonEvent({ type: 'contract_tested', data: {} }));
    await client.dispose();

    expect((await store.readAll()).map((read) => read.id)).toEqual([ours.id]);
    expect((await store.headPosition())?.equals(written.position)).toBe(true);
    const subscription = store.subscribeToAll();
    const messages = [];
    for await (const message of subscription) {
      messages.push(message.kind === 'event' ? message.event.id : message.kind);
      if (message.kind === 'caught-up') break;
    }
    await subscription.close();
    expect(messages).toEqual([ours.id, 'caught-up']);
  });

  it('answers 150 head-position questions in a row, and then still appends, reads and subscribes', async () => {
    // Enough history that a read left unfinished would still be streaming.
    const padding = 'x'.repeat(1_000);
    for (let i = 0; i < 5; i += 1) {
      await store.append(
        uniqueStream(),
        Array.from({ length: 50 }, () => newEvent({ data: { padding } })),
      );
    }
    for (let i = 0; i < 150; i += 1) await store.headPosition();

    const stream = uniqueStream();
    const written = await store.append(stream, [newEvent()]);
    expect(await store.readStream(stream)).toHaveLength(1);
    const subscription = store.subscribeToAll({ from: written.position });
    const iterator = subscription[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual({ kind: 'caught-up' });
    await subscription.close();
    expect((await store.headPosition())?.equals(written.position)).toBe(true);
  });

  it('reports a deleted stream on read and append', async () => {
    const stream = uniqueStream();
    await store.append(stream, [newEvent()]);
    const client = EventStoreDBClient.connectionString(server.connectionString);
    await client.tombstoneStream(stream);
    await client.dispose();
    await expect(store.readStream(stream)).rejects.toMatchObject({
      name: 'StreamDeletedError',
      stream,
    });
    await expect(store.append(stream, [newEvent()])).rejects.toMatchObject({
      name: 'StreamDeletedError',
    });
  });

  it('fails an append with StoreUnavailableError while the server is down', async () => {
    await store.append(uniqueStream(), [newEvent()]);
    await server.stop();
    await expect(store.append(uniqueStream(), [newEvent()])).rejects.toMatchObject({
      name: 'StoreUnavailableError',
    });
  });

  describe.each([
    { path: 'BatchAppend', batchAppend: true },
    { path: 'the single-append fallback', batchAppend: false },
  ])('appending over $path', ({ batchAppend }) => {
    beforeEach(async () => {
      await store.close();
      await server.stop();
      await start({ batchAppend });
    });

    it('fails an append the server takes but never answers as unavailable', async () => {
      const stream = uniqueStream();
      await store.append(stream, [newEvent()]);
      server.holdAppends();
      await expect(store.append(stream, [newEvent()])).rejects.toMatchObject({
        name: 'StoreUnavailableError',
      });
      expect(server.appendsReceived[batchAppend ? 'batchAppend' : 'append']).toBe(2);
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it("refuses an append over the server's 1 MiB with AppendTooLargeError, writing nothing", async () => {
      const stream = uniqueStream();
      const large = newEvent({ data: { text: 'x'.repeat(1_048_576) } });
      await expect(store.append(stream, [large])).rejects.toMatchObject({
        name: 'AppendTooLargeError',
        maxBytes: 1_048_576,
      });
      expect(await store.readStream(stream)).toEqual([]);
    });
  });

  it('keeps a subscription going across a server restart, with no gap and no duplicate', async () => {
    const stream = uniqueStream();
    const subscription = store.subscribeToAll();
    const received = collect(subscription, stream, 20);
    for (let i = 0; i < 10; i += 1) await store.append(stream, [newEvent({ data: { i } })]);
    await server.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server.restart();
    for (let i = 10; i < 20; i += 1) await store.append(stream, [newEvent({ data: { i } })]);
    const { events } = await received;
    await subscription.close();
    expect(events.map((event) => (event.data as { i: number }).i)).toEqual(
      Array.from({ length: 20 }, (_, i) => i),
    );
  });
});
