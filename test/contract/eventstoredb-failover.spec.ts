import { EventStoreDbEventStore } from '../../src/eventstore/esdb/eventstoredb-event-store.js';
import { EventStoreDBTestCluster } from '../support/eventstoredb-test-cluster.js';
import { EventStoreDBTestServer } from '../support/eventstoredb-test-server.js';
import { eventually } from '../support/eventually.js';
import { collect, newEvent, uniqueStream } from './event-store.contract.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function openStore(connectionString: string): EventStoreDbEventStore {
  return new EventStoreDbEventStore({
    connectionString,
    appendTimeoutMs: 1000,
    resubscribe: { initialDelayMs: 20, maxDelayMs: 200 },
  });
}

describe('EventStoreDB adapter through a leader change', () => {
  let store: EventStoreDbEventStore | undefined;
  let server: EventStoreDBTestServer | undefined;
  let cluster: EventStoreDBTestCluster | undefined;

  afterEach(async () => {
    await store?.close();
    await server?.stop();
    await cluster?.stop();
    store = server = cluster = undefined;
  });

  it('fails an append refused as not ready as unavailable, and appends once the server is ready', async () => {
    server = await EventStoreDBTestServer.start();
    store = openStore(server.connectionString);
    const stream = uniqueStream();
    server.availability.set('not-ready');
    await expect(store.append(stream, [newEvent()])).rejects.toMatchObject({
      name: 'StoreUnavailableError',
      message: expect.stringMatching(/Server Is Not Ready/),
    });
    server.availability.set('ready');
    await store.append(stream, [newEvent()]);
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('fails appends as unavailable while no leader is known, and appends to the leader elected after', async () => {
    cluster = await EventStoreDBTestCluster.start();
    cluster.startElection();
    store = openStore(cluster.connectionString);
    const stream = uniqueStream();
    // The client's discovery gives up, or the adapter's append timer ends the wait first.
    await expect(store.append(stream, [newEvent()])).rejects.toMatchObject({
      name: 'StoreUnavailableError',
      message: expect.stringMatching(/Failed to discover|did not answer an append/),
    });

    cluster.elect(1);
    await cluster.crash(0);
    const event = newEvent();
    await eventually(() => store!.append(stream, [event]));
    // An append the adapter stopped waiting for may still land once a leader is found: that
    // is why a timed-out delivery counts as attempted. Neither is stored twice.
    const ids = (await store.readStream(stream)).map((read) => read.id);
    expect(ids).toContain(event.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps a subscription going through an election and a crashed leader, with no gap and no duplicate', async () => {
    cluster = await EventStoreDBTestCluster.start();
    store = openStore(cluster.connectionString);
    const writer = openStore(cluster.nodes[1].connectionString);
    try {
      const stream = uniqueStream();
      const subscription = store.subscribeToAll();
      const received = collect(subscription, stream, 30);
      const append = (i: number) => writer.append(stream, [newEvent({ data: { i } })]);
      for (let i = 0; i < 10; i += 1) await append(i);

      cluster.startElection();
      await pause(300);
      await cluster.crash(0);
      await pause(300);
      cluster.elect(1);
      for (let i = 10; i < 20; i += 1) await append(i);
      await cluster.rejoin(0);
      for (let i = 20; i < 30; i += 1) await append(i);

      const { events } = await received;
      await subscription.close();
      expect(events.map((event) => (event.data as { i: number }).i)).toEqual(
        Array.from({ length: 30 }, (_, i) => i),
      );
    } finally {
      await writer.close();
    }
  });
});
