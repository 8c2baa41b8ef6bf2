import {
  BACKWARDS,
  binaryEvent,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  jsonEvent,
  MaxAppendSizeExceededError,
  START,
  StreamDeletedError,
  streamNameFilter,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type Position,
  type ResolvedEvent,
  type StreamSubscription,
} from '@eventstore/db-client';
import type * as ServerFeaturesGrpcPb from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import type * as SharedPb from '@eventstore/db-client/generated/shared_pb.js';
import type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb.js';
import { credentials, status } from '@grpc/grpc-js';
import { createRequire } from 'node:module';
import { EventStoreDBTestServer } from './eventstoredb-test-server.js';

const requireCjs = createRequire(import.meta.url);
const CAUGHT_UP = 'caught-up';

const event = (type: string, data: Record<string, unknown> = {}) => jsonEvent({ type, data });

async function collect<T>(events: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const resolved of events) collected.push(resolved);
  return collected;
}

function types(events: (ResolvedEvent | AllStreamResolvedEvent)[]): string[] {
  return events.map((resolved) => resolved.event?.type ?? '');
}

/** Event ids as received, with CAUGHT_UP where the subscription reported it, and the error. */
function observe(subscription: StreamSubscription | AllStreamSubscription) {
  const observed: { seen: string[]; error?: Error } = { seen: [] };
  subscription.on('data', (resolved: ResolvedEvent) =>
    observed.seen.push(resolved.event?.id ?? ''),
  );
  subscription.on('caughtUp', () => observed.seen.push(CAUGHT_UP));
  subscription.on('error', (error) => (observed.error = error));
  return observed;
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('EventStoreDBTestServer', () => {
  let server: EventStoreDBTestServer;
  let client: EventStoreDBClient;
  const subscriptions: { unsubscribe(): Promise<void> }[] = [];

  async function startServer(options?: { systemEvents?: boolean }): Promise<void> {
    server = await EventStoreDBTestServer.start(options);
    client = EventStoreDBClient.connectionString(server.connectionString);
  }

  function track<S extends { unsubscribe(): Promise<void> }>(subscription: S): S {
    subscriptions.push(subscription);
    return subscription;
  }

  async function allIds(): Promise<string[]> {
    return (await collect(client.readAll())).map((resolved) => resolved.event?.id ?? '');
  }

  beforeEach(() => startServer({ systemEvents: false }));

  afterEach(async () => {
    await Promise.all(subscriptions.splice(0).map((subscription) => subscription.unsubscribe()));
    await client.dispose();
    await server.stop();
  });

  it('listens on 127.0.0.1 and gives an insecure esdb connection string', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.connectionString).toBe(`esdb://127.0.0.1:${server.port}?tls=false`);
  });

  describe('append', () => {
    it('accepts each kind of expected revision and returns revision and position', async () => {
      const first = await client.appendToStream('order-1', [event('A'), event('B')], {
        expectedRevision: 'no_stream',
      });
      const second = await client.appendToStream('order-1', event('C'), { expectedRevision: 1n });
      const third = await client.appendToStream('order-1', event('D'), {
        expectedRevision: 'stream_exists',
      });
      const fourth = await client.appendToStream('order-1', event('E'), {
        expectedRevision: 'any',
      });

      const results = [first, second, third, fourth];
      expect(results.map((result) => result.nextExpectedRevision)).toEqual([1n, 2n, 3n, 4n]);
      const commits = results.map((result) => result.position?.commit ?? -1n);
      expect(results.map((result) => result.position?.prepare)).toEqual(commits);
      expect([...commits].sort((a, b) => (a < b ? -1 : 1))).toEqual(commits);
      expect(new Set(commits).size).toBe(4);
    });

    it('rejects a wrong expected revision with WrongExpectedVersionError and writes nothing', async () => {
      await client.appendToStream('order-1', event('A'));
      const cases = [
        { stream: 'order-1', expectedRevision: 'no_stream' as const, actual: 0n },
        { stream: 'order-1', expectedRevision: 5n, actual: 0n },
        { stream: 'order-2', expectedRevision: 'stream_exists' as const, actual: 'no_stream' },
        { stream: 'order-2', expectedRevision: 0n, actual: 'no_stream' },
      ];
      for (const { stream, expectedRevision, actual } of cases) {
        const error = await client
          .appendToStream(stream, event('X'), { expectedRevision })
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({
          streamName: stream,
          expectedVersion: expectedRevision,
          actualVersion: actual,
        });
      }
      expect(types(await collect(client.readStream('order-1')))).toEqual(['A']);
      await expect(collect(client.readStream('order-2'))).rejects.toBeInstanceOf(
        StreamNotFoundError,
      );
    });

    it('stores ids, data and metadata as given and stamps the creation time', async () => {
      const before = Date.now();
      const json = jsonEvent({
        id: crypto.randomUUID(),
        type: 'Json',
        data: { a: 1 },
        metadata: { m: true },
      });
      const bytes = binaryEvent({ type: 'Bytes', data: Uint8Array.from([0, 1, 255]) });
      await client.appendToStream('order-1', [json, bytes]);

      const [readJson, readBytes] = (await collect(client.readStream('order-1'))).map(
        (resolved) => resolved.event,
      );
      expect(readJson).toMatchObject({
        id: json.id,
        streamId: 'order-1',
        revision: 0n,
        type: 'Json',
        isJson: true,
        data: { a: 1 },
        metadata: { m: true },
      });
      expect(readJson?.created.getTime()).toBeGreaterThanOrEqual(before - 1);
      expect(readJson?.created.getTime()).toBeLessThanOrEqual(Date.now());
      expect(readBytes).toMatchObject({ type: 'Bytes', isJson: false, revision: 1n });
      expect(Array.from(readBytes?.data as Uint8Array)).toEqual([0, 1, 255]);
    });
  });

  describe('readStream', () => {
    beforeEach(() =>
      client.appendToStream(
        'order-1',
        ['A', 'B', 'C', 'D'].map((t) => event(t)),
      ),
    );

    it('reads forwards and backwards, from a revision (inclusive), up to maxCount', async () => {
      const read = (options: Parameters<EventStoreDBClient['readStream']>[1]) =>
        collect(client.readStream('order-1', options)).then(types);

      expect(await read({})).toEqual(['A', 'B', 'C', 'D']);
      expect(await read({ fromRevision: 1n, maxCount: 2 })).toEqual(['B', 'C']);
      expect(await read({ direction: BACKWARDS, fromRevision: END })).toEqual(['D', 'C', 'B', 'A']);
      expect(await read({ direction: BACKWARDS, fromRevision: 2n, maxCount: 2 })).toEqual([
        'C',
        'B',
      ]);
      expect(await read({ fromRevision: END })).toEqual([]);
    });

    it('reports a missing stream as StreamNotFoundError', async () => {
      const error = await collect(client.readStream('missing')).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StreamNotFoundError);
      expect(error).toMatchObject({ streamName: 'missing' });
    });
  });

  describe('readAll', () => {
    it('reads the log in both directions, with increasing, gapped positions', async () => {
      await client.appendToStream('a-1', [event('A1'), event('A2')]);
      await client.appendToStream('b-1', event('B1'));

      const forwards = await collect(client.readAll());
      expect(types(forwards)).toEqual(['A1', 'A2', 'B1']);
      const positions = forwards.map((resolved) => resolved.event?.position as Position);
      for (const position of positions) expect(position.prepare).toBe(position.commit);
      expect(positions[0].commit).toBeGreaterThan(0n);
      expect(positions[1].commit - positions[0].commit).toBeGreaterThan(1n);
      expect(positions[2].commit).toBeGreaterThan(positions[1].commit);

      expect(
        types(await collect(client.readAll({ direction: BACKWARDS, fromPosition: END }))),
      ).toEqual(['B1', 'A2', 'A1']);
      const fromSecond = client.readAll({ fromPosition: positions[1], maxCount: 1 });
      expect(types(await collect(fromSecond))).toEqual(['A2']);
      // As on a real server, a backwards read starts before the record at its position.
      const beforeThird = client.readAll({ direction: BACKWARDS, fromPosition: positions[2] });
      expect(types(await collect(beforeThird))).toEqual(['A2', 'A1']);
    });

    it('starts with system events by default, and without them when asked', async () => {
      const emptyLog = await collect(client.readAll());
      await client.dispose();
      await server.stop();
      await startServer();

      const seeded = types(await collect(client.readAll()));
      expect(emptyLog).toEqual([]);
      expect(seeded.length).toBeGreaterThanOrEqual(2);
      for (const type of seeded) expect(type.startsWith('$')).toBe(true);
    });
  });

  describe('delete and tombstone', () => {
    it('tombstones a stream: reads and appends then fail with StreamDeletedError', async () => {
      await client.appendToStream('order-1', event('A'));
      const { position } = await client.tombstoneStream('order-1');

      const readError = await collect(client.readStream('order-1')).catch(
        (caught: unknown) => caught,
      );
      const appendError = await client
        .appendToStream('order-1', event('B'))
        .catch((caught: unknown) => caught);
      for (const error of [readError, appendError]) {
        expect(error).toBeInstanceOf(StreamDeletedError);
        expect(error).toMatchObject({ streamName: 'order-1' });
      }
      const last = (await collect(client.readAll({ direction: BACKWARDS, fromPosition: END })))[0];
      expect(last.event).toMatchObject({ streamId: 'order-1', type: '$streamDeleted', position });
    });

    it('soft-deletes a stream: it reads as not found and appending recreates it', async () => {
      await client.appendToStream('order-1', [event('A'), event('B')]);
      // Delete reports a wrong expected revision as a gRPC error with trailers, unlike Append.
      await expect(client.deleteStream('order-1', { expectedRevision: 0n })).rejects.toMatchObject({
        constructor: WrongExpectedVersionError,
        streamName: 'order-1',
        expectedVersion: 0n,
        actualVersion: 1n,
      });
      await client.deleteStream('order-1', { expectedRevision: 1n });

      await expect(collect(client.readStream('order-1'))).rejects.toBeInstanceOf(
        StreamNotFoundError,
      );
      const recreated = await client.appendToStream('order-1', event('C'), {
        expectedRevision: 'no_stream',
      });
      expect(recreated.nextExpectedRevision).toBe(2n);
      expect(types(await collect(client.readStream('order-1')))).toEqual(['C']);
    });
  });

  describe('subscribeToAll', () => {
    it('sends history from the start, then caughtUp, then live events in order', async () => {
      await client.appendToStream('a-1', [event('A1'), event('A2')]);
      const observed = observe(track(client.subscribeToAll({ fromPosition: START })));
      await waitFor(() => observed.seen.includes(CAUGHT_UP), 'caughtUp');

      await client.appendToStream('b-1', event('B1'));
      await client.appendToStream('a-1', event('A3'));
      await waitFor(() => observed.seen.length === 5, 'live events');

      const [a1, a2, b1, a3] = await allIds();
      expect(observed.seen).toEqual([a1, a2, CAUGHT_UP, b1, a3]);
    });

    it('starts after the given position, which is exclusive', async () => {
      const { position } = await client.appendToStream('a-1', [event('A1'), event('A2')]);
      await client.appendToStream('a-1', event('A3'));
      const observed = observe(track(client.subscribeToAll({ fromPosition: position })));
      await waitFor(() => observed.seen.includes(CAUGHT_UP), 'caughtUp');

      const [, , a3] = await allIds();
      expect(observed.seen).toEqual([a3, CAUGHT_UP]);
    });

    it('has no gap or duplicate when events are appended while history is being sent', async () => {
      const padding = 'x'.repeat(2_000);
      await client.appendToStream(
        'bulk',
        Array.from({ length: 500 }, () => event('Old', { padding })),
      );
      const subscription = track(client.subscribeToAll({ fromPosition: START }));
      const observed = observe(subscription);
      await waitFor(() => observed.seen.length > 0, 'first event');

      // A paused reader fills the HTTP/2 window, so the server is still holding history back.
      subscription.pause();
      for (let i = 0; i < 20; i += 1) await client.appendToStream('bulk', event('New'));
      subscription.resume();
      await waitFor(() => observed.seen.length === 521, 'all events');

      const ids = await allIds();
      expect(observed.seen.filter((id) => id !== CAUGHT_UP)).toEqual(ids);
      expect(observed.seen.indexOf(CAUGHT_UP)).toBeGreaterThanOrEqual(500);
    });

    it('filters on event type, so a regex can exclude system events', async () => {
      await client.dispose();
      await server.stop();
      await startServer();
      await client.appendToStream('order-1', [event('Placed'), event('Paid')]);

      const observed = observe(track(client.subscribeToAll({ filter: excludeSystemEvents() })));
      await waitFor(() => observed.seen.includes(CAUGHT_UP), 'caughtUp');

      const userIds = (await collect(client.readAll()))
        .filter((resolved) => !resolved.event?.type.startsWith('$'))
        .map((resolved) => resolved.event?.id);
      expect(userIds).toHaveLength(2);
      expect(observed.seen).toEqual([...userIds, CAUGHT_UP]);
    });

    it('filters on stream name prefix and sends checkpoints at scanned positions', async () => {
      await client.appendToStream('order-1', event('Placed'));
      await client.appendToStream('invoice-1', event('Issued'));
      await client.appendToStream('order-2', event('Placed'));
      const checkpoints: bigint[] = [];
      const filter = streamNameFilter({
        prefixes: ['order-'],
        maxSearchWindow: 2,
        checkpointReached: (_subscription, position) => void checkpoints.push(position.commit),
      });
      const received: string[] = [];
      const subscription = track(client.subscribeToAll({ filter }));
      subscription.on('data', (resolved) => received.push(resolved.event?.streamId ?? ''));
      await waitFor(() => received.length === 2, 'filtered events');

      expect(received).toEqual(['order-1', 'order-2']);
      const invoicePosition = (await collect(client.readAll()))[1].event?.position?.commit;
      expect(checkpoints).toEqual([invoicePosition]);
    });
  });

  describe('subscribeToStream', () => {
    it('sends history after the given revision, caughtUp, then live events of that stream', async () => {
      await client.appendToStream('order-1', [event('A'), event('B')]);
      const observed = observe(track(client.subscribeToStream('order-1', { fromRevision: 0n })));
      await waitFor(() => observed.seen.includes(CAUGHT_UP), 'caughtUp');
      await client.appendToStream('other', event('X'));
      await client.appendToStream('order-1', event('C'));
      await waitFor(() => observed.seen.length === 3, 'live event');

      const [, b, c] = (await collect(client.readStream('order-1'))).map((r) => r.event?.id);
      expect(observed.seen).toEqual([b, CAUGHT_UP, c]);
    });

    it('ends with StreamDeletedError when the stream is tombstoned', async () => {
      await client.appendToStream('order-1', event('A'));
      const observed = observe(track(client.subscribeToStream('order-1')));
      await waitFor(() => observed.seen.includes(CAUGHT_UP), 'caughtUp');

      await client.tombstoneStream('order-1');
      await waitFor(() => observed.error !== undefined, 'error');
      expect(observed.error).toBeInstanceOf(StreamDeletedError);
      expect(observed.seen).toHaveLength(2);
    });
  });

  describe('stop and restart', () => {
    it('fails in-flight calls as unavailable, then serves the same data on the same port', async () => {
      await client.appendToStream('order-1', event('A'));
      const port = server.port;
      const observed = observe(track(client.subscribeToAll()));
      await waitFor(() => observed.seen.includes(CAUGHT_UP), 'caughtUp');

      await server.stop();
      await waitFor(() => observed.error !== undefined, 'subscription error');
      expect(observed.error).toBeInstanceOf(UnavailableError);
      // The client rejects an append with either UnavailableError or the raw gRPC error: both code 14.
      await expect(client.appendToStream('order-1', event('B'))).rejects.toMatchObject({
        code: status.UNAVAILABLE,
      });

      await server.restart();
      expect(server.port).toBe(port);
      await client.appendToStream('order-1', event('C'), { expectedRevision: 0n });
      expect(types(await collect(client.readStream('order-1')))).toEqual(['A', 'C']);
    });
  });

  describe.each([
    { path: 'BatchAppend', batchAppend: true },
    { path: 'Streams.Append', batchAppend: false },
  ])('what the server refuses or repeats of an append over $path', ({ batchAppend }) => {
    beforeEach(async () => {
      await client.dispose();
      await server.stop();
      server = await EventStoreDBTestServer.start({ systemEvents: false, batchAppend });
      client = EventStoreDBClient.connectionString(server.connectionString);
    });

    const bytes = (type: string, size: number) =>
      binaryEvent({ type, data: new Uint8Array(size), metadata: new Uint8Array(size) });

    it('refuses an append over 1 MiB, counting data, metadata and twice the type length', async () => {
      // Each: 262,140 bytes of data and of metadata, 4 characters of type: 524,288 counted.
      const fits = [bytes('Type', 262_140), bytes('Type', 262_140)];
      await client.appendToStream('order-1', fits);
      const tooLarge = [bytes('Type', 262_140), bytes('Typ2', 262_140), bytes('X', 0)];
      await expect(client.appendToStream('order-1', tooLarge)).rejects.toMatchObject({
        constructor: MaxAppendSizeExceededError,
        type: 'maximum-append-size-exceeded',
      });
      expect(await allIds()).toHaveLength(2);
    });

    it('refuses an event id that is not a UUID and writes nothing', async () => {
      const append = client.appendToStream('order-1', [
        event('A'),
        jsonEvent({ id: 'delivery-1', type: 'B', data: {} }),
      ]);
      await expect(append).rejects.toThrow();
      await expect(collect(client.readStream('order-1'))).rejects.toBeInstanceOf(
        StreamNotFoundError,
      );
    });

    it('answers the same ids appended again with the same expectation as the first time, writing nothing', async () => {
      const events = [event('A'), event('B')];
      const first = await client.appendToStream('order-1', events, {
        expectedRevision: 'no_stream',
      });
      const again = await client.appendToStream('order-1', events, {
        expectedRevision: 'no_stream',
      });
      const third = event('C');
      const next = await client.appendToStream('order-1', third, { expectedRevision: 1n });
      const nextAgain = await client.appendToStream('order-1', third, { expectedRevision: 1n });
      expect(again).toEqual(first);
      expect(nextAgain).toEqual(next);
      expect(types(await collect(client.readStream('order-1')))).toEqual(['A', 'B', 'C']);
    });
  });

  describe('server features and the append paths', () => {
    it('tells its version and offers BatchAppend, which the client then appends over', async () => {
      const { ServerFeaturesClient } = requireCjs(
        '@eventstore/db-client/generated/serverfeatures_grpc_pb.js',
      ) as typeof ServerFeaturesGrpcPb;
      const { Empty } = requireCjs(
        '@eventstore/db-client/generated/shared_pb.js',
      ) as typeof SharedPb;
      const features = new ServerFeaturesClient(
        `127.0.0.1:${server.port}`,
        credentials.createInsecure(),
      );
      const supported = await new Promise<SupportedMethods | undefined>((resolve, reject) =>
        features.getSupportedMethods(new Empty(), (error, answer) =>
          error ? reject(error) : resolve(answer),
        ),
      );
      features.close();
      expect(supported?.getEventStoreServerVersion()).toBe('24.10.4');
      const methods = supported?.getMethodsList().map((method) => method.getMethodName());
      expect(methods).toContain('batchappend');

      await client.appendToStream('order-1', event('A'));
      await expect(
        client.appendToStream('order-1', event('B'), { expectedRevision: 5n }),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(server.appendsReceived).toEqual({ append: 0, batchAppend: 2 });
    });

    it('without BatchAppend, the client falls back to Streams.Append', async () => {
      await client.dispose();
      await server.stop();
      server = await EventStoreDBTestServer.start({ batchAppend: false });
      client = EventStoreDBClient.connectionString(server.connectionString);

      await client.appendToStream('order-1', event('A'));
      expect(server.appendsReceived).toEqual({ append: 1, batchAppend: 0 });
    });

    it('takes appends but answers none while held, then carries them out in order', async () => {
      server.holdAppends();
      const appends = [];
      for (const [i, type] of ['A', 'B'].entries()) {
        appends.push(client.appendToStream('order-1', event(type)));
        await waitFor(() => server.appendsReceived.batchAppend === i + 1, `append ${type}`);
      }
      expect(await allIds()).toEqual([]);

      server.releaseAppends();
      await Promise.all(appends);
      expect(types(await collect(client.readStream('order-1')))).toEqual(['A', 'B']);
    });
  });
});
