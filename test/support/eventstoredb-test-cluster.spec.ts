import {
  DeadlineExceededError,
  EventStoreDBClient,
  jsonEvent,
  UnknownError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
} from '@eventstore/db-client';
import { EventStoreDBTestCluster } from './eventstoredb-test-cluster.js';
import { EventStoreDBTestServer } from './eventstoredb-test-server.js';
import { eventually } from './eventually.js';

const event = (type: string) => jsonEvent({ type, data: {} });

async function readTypes(client: EventStoreDBClient, stream: string): Promise<string[]> {
  const types: string[] = [];
  for await (const resolved of client.readStream(stream)) types.push(resolved.event!.type);
  return types;
}

/** The types of the application events a subscription receives, and the error it ends with. */
function observe(subscription: AllStreamSubscription) {
  const observed: { types: string[]; error?: Error } = { types: [] };
  subscription.on('data', (resolved: AllStreamResolvedEvent) => {
    if (!resolved.event?.type.startsWith('$')) observed.types.push(resolved.event!.type);
  });
  subscription.on('error', (error) => (observed.error = error));
  return observed;
}

/** Settles after `ms`, saying whether the promise had settled by then. */
async function settledWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setTimeout(resolve, ms));
  return settled;
}

describe('EventStoreDBTestCluster', () => {
  let cluster: EventStoreDBTestCluster;
  const clients: EventStoreDBClient[] = [];
  const connect = (connectionString = cluster.connectionString) => {
    const client = EventStoreDBClient.connectionString(connectionString);
    clients.push(client);
    return client;
  };

  // Streams.Append, where the client puts its deadline on an append (it puts none on BatchAppend).
  beforeEach(
    async () => (cluster = await EventStoreDBTestCluster.start(3, { batchAppend: false })),
  );
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await cluster.stop();
  });

  it('starts with node 0 leading, and gives a connection string with every node as a gossip seed', () => {
    expect(cluster.members().map((member) => member.state)).toEqual([
      'leader',
      'follower',
      'follower',
    ]);
    const ports = cluster.nodes.map((node) => node.port);
    expect(cluster.connectionString).toBe(
      `esdb://${ports.map((port) => `127.0.0.1:${port}`).join(',')}?tls=false`,
    );
  });

  it('leads a client given every node to the leader, and shares one log between the nodes', async () => {
    cluster.elect(2);
    // Only the leader answers: the client must have found it through gossip.
    cluster.nodes[0].availability.set('not-ready');
    cluster.nodes[1].availability.set('not-ready');
    await connect().appendToStream('order-1', [event('A'), event('B')]);

    cluster.nodes[1].availability.set('ready');
    expect(await readTypes(connect(cluster.nodes[1].connectionString), 'order-1')).toEqual([
      'A',
      'B',
    ]);
  });

  it('fails discovery while an election runs, and leads to the new leader after it', async () => {
    cluster.startElection();
    const client = connect();
    const failure = await readTypes(client, 'order-1').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/^Failed to discover after \d+ attempts/);

    cluster.elect(1);
    await cluster.crash(0);
    await connect().appendToStream('order-1', event('A'));
    expect(await readTypes(connect(cluster.nodes[1].connectionString), 'order-1')).toEqual(['A']);
  });

  it('brings a crashed node back as a follower with the log written meanwhile', async () => {
    await cluster.crash(0);
    cluster.elect(1);
    await connect().appendToStream('order-1', event('A'));
    await cluster.rejoin(0);
    expect(cluster.members().map((member) => member.state)).toEqual([
      'follower',
      'leader',
      'follower',
    ]);
    expect(await readTypes(connect(cluster.nodes[0].connectionString), 'order-1')).toEqual(['A']);
  });

  it('has a hung node answer nothing, its live subscriptions included, and go on once ready', async () => {
    const hanging = connect(cluster.nodes[0].connectionString);
    const subscription = hanging.subscribeToAll();
    const observed = observe(subscription);
    await hanging.appendToStream('order-1', event('A'));
    await eventually(() => expect(observed.types).toEqual(['A']));

    cluster.nodes[0].availability.set('hung');
    await expect(
      hanging.appendToStream('order-1', event('B'), { deadline: 200 }),
    ).rejects.toBeInstanceOf(DeadlineExceededError);
    const waiting = hanging.appendToStream('order-1', event('C'));
    await connect(cluster.nodes[1].connectionString).appendToStream('order-1', event('D'));
    expect(await settledWithin(waiting, 300)).toBe(false);
    expect(observed.types).toEqual(['A']);

    cluster.nodes[0].availability.set('ready');
    await waiting;
    await eventually(() => expect(observed.types).toEqual(['A', 'D', 'C']));
    await subscription.unsubscribe();
  });
});

describe('EventStoreDBTestServer availability', () => {
  let server: EventStoreDBTestServer;
  let client: EventStoreDBClient;
  let subscription: AllStreamSubscription | undefined;

  beforeEach(async () => {
    server = await EventStoreDBTestServer.start({ systemEvents: false });
    client = EventStoreDBClient.connectionString(server.connectionString);
  });
  afterEach(async () => {
    await subscription?.unsubscribe();
    subscription = undefined;
    await client.dispose();
    await server.stop();
  });

  it('answers Server Is Not Ready while not ready, ending live subscriptions, then answers again', async () => {
    subscription = client.subscribeToAll();
    const observed = observe(subscription);
    await client.appendToStream('order-1', event('A'));
    await eventually(() => expect(observed.types).toEqual(['A']));

    server.availability.set('not-ready');
    await eventually(() => expect(observed.error).toBeInstanceOf(UnknownError));
    expect(observed.error?.message).toMatch(/Server Is Not Ready/);
    const refused = await client.appendToStream('order-1', event('B')).catch((error) => error);
    expect(refused).toBeInstanceOf(UnknownError);
    expect(refused.message).toMatch(/Server Is Not Ready/);

    server.availability.set('ready');
    await client.appendToStream('order-1', event('C'));
    expect(await readTypes(client, 'order-1')).toEqual(['A', 'C']);
  });
});
