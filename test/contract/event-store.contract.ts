import { randomUUID } from 'node:crypto';
import {
  ConcurrencyError,
  StoreUnavailableError,
} from '../../src/eventstore/event-store.errors.js';
import type {
  EventStore,
  NewEvent,
  RecordedEvent,
  Subscription,
} from '../../src/eventstore/event-store.port.js';
import { Position } from '../../src/eventstore/position.js';
import { bulk } from '../support/nearly-full-disk.js';

export interface ContractSubject {
  /** Opens a store over the subject's data; called more than once to test reopening. */
  open(): Promise<EventStore>;
  cleanup?(): Promise<void>;
}

/** What only some adapters can be made to do, with the tests that need it. */
export interface ContractCapabilities {
  /**
   * Leaves a store's file room for about `bytes` more, as a nearly full disk would. For
   * adapters that write the appends of one moment in one commit.
   */
  leaveRoom?(store: EventStore, bytes: number): void;
}

/**
 * The rules every event store adapter keeps. Each test writes to streams of its own, so
 * the suite also runs against a real server that already holds other events.
 */
export function describeEventStoreContract(
  name: string,
  subject: () => ContractSubject,
  capabilities: ContractCapabilities = {},
) {
  describe(`EventStore contract: ${name}`, () => {
    let current: ContractSubject;
    let store: EventStore;
    const opened: EventStore[] = [];
    const openStore = async () => {
      const opening = await current.open();
      opened.push(opening);
      return opening;
    };

    beforeAll(async () => {
      current = subject();
      store = await openStore();
    });

    afterAll(async () => {
      for (const each of opened) await each.close();
      await current.cleanup?.();
    });

    describe('expected revision', () => {
      it('no_stream creates a stream at revision 0 and refuses an existing one', async () => {
        const stream = uniqueStream();
        const first = await store.append(stream, [newEvent()], { expectedRevision: 'no_stream' });
        expect(first.nextRevision).toBe(0n);
        await expect(
          store.append(stream, [newEvent()], { expectedRevision: 'no_stream' }),
        ).rejects.toMatchObject({ name: 'ConcurrencyError', stream, actual: 0n });
      });

      it('an exact revision appends only when it is the last revision', async () => {
        const stream = uniqueStream();
        await store.append(stream, [newEvent(), newEvent()]);
        const next = await store.append(stream, [newEvent()], { expectedRevision: 1n });
        expect(next.nextRevision).toBe(2n);
        const stale = store.append(stream, [newEvent()], { expectedRevision: 1n });
        await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(stale).rejects.toMatchObject({ expected: 1n, actual: 2n });
      });

      it('an exact revision on a missing stream reports no_stream', async () => {
        await expect(
          store.append(uniqueStream(), [newEvent()], { expectedRevision: 0n }),
        ).rejects.toMatchObject({ name: 'ConcurrencyError', actual: 'no_stream' });
      });

      it('stream_exists refuses a missing stream and accepts an existing one', async () => {
        const stream = uniqueStream();
        await expect(
          store.append(stream, [newEvent()], { expectedRevision: 'stream_exists' }),
        ).rejects.toMatchObject({ name: 'ConcurrencyError', actual: 'no_stream' });
        await store.append(stream, [newEvent()]);
        const result = await store.append(stream, [newEvent()], {
          expectedRevision: 'stream_exists',
        });
        expect(result.nextRevision).toBe(1n);
      });

      it('any always appends, and is the default', async () => {
        const stream = uniqueStream();
        await store.append(stream, [newEvent()], { expectedRevision: 'any' });
        const result = await store.append(stream, [newEvent()]);
        expect(result.nextRevision).toBe(1n);
      });

      it('an append retried with the same event ids and expected revision succeeds and is kept once', async () => {
        const stream = uniqueStream();
        const created = [newEvent(), newEvent()];
        const added = [newEvent()];
        const first = await store.append(stream, created, { expectedRevision: 'no_stream' });
        const retried = await store.append(stream, created, { expectedRevision: 'no_stream' });
        const next = await store.append(stream, added, { expectedRevision: 1n });
        const nextRetried = await store.append(stream, added, { expectedRevision: 1n });
        expect([first, retried, next, nextRetried].map((result) => result.nextRevision)).toEqual([
          1n,
          1n,
          2n,
          2n,
        ]);
        expect((await store.readStream(stream)).map((event) => event.id)).toEqual(
          [...created, ...added].map((event) => event.id),
        );
      });

      it('a refused append writes nothing', async () => {
        const stream = uniqueStream();
        await store.append(stream, [newEvent()]);
        await expect(
          store.append(stream, [newEvent(), newEvent()], { expectedRevision: 5n }),
        ).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await store.readStream(stream)).toHaveLength(1);
      });
    });

    describe('append and read back', () => {
      it('keeps id, type, data and metadata exactly, with consecutive revisions', async () => {
        const stream = uniqueStream();
        const events = [
          newEvent({ data: { nested: { list: [1, 'two', null], ok: true }, text: 'Zoë ✓ 日本' } }),
          newEvent({ type: 'other_type', metadata: { tokenName: 'prod', hash: 'abc' } }),
        ];
        const before = Date.now();
        const result = await store.append(stream, events);
        const read = await store.readStream(stream);
        expect(result.nextRevision).toBe(1n);
        expect(read.map(pick)).toEqual(events);
        expect(read.map((event) => event.revision)).toEqual([0n, 1n]);
        expect(read.every((event) => event.stream === stream)).toBe(true);
        expect(read[1].position.equals(result.position)).toBe(true);
        expect(read[1].position.isAfter(read[0].position)).toBe(true);
        expect(read[0].createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
        expect(read[0].createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
      });

      it('reads a stream forwards and backwards, from a revision, with a limit', async () => {
        const stream = uniqueStream();
        const events = Array.from({ length: 10 }, (_, i) => newEvent({ data: { i } }));
        await store.append(stream, events);
        const numbers = (read: RecordedEvent[]) => read.map((event) => (event.data as Num).i);

        expect(numbers(await store.readStream(stream))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect(numbers(await store.readStream(stream, { fromRevision: 4n, limit: 3 }))).toEqual([
          4, 5, 6,
        ]);
        expect(numbers(await store.readStream(stream, { direction: 'backwards' }))).toEqual([
          9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
        ]);
        expect(
          numbers(
            await store.readStream(stream, { direction: 'backwards', fromRevision: 5n, limit: 2 }),
          ),
        ).toEqual([5, 4]);
        expect(
          numbers(await store.readStream(stream, { direction: 'backwards', limit: 1 })),
        ).toEqual([9]);
      });

      it('reads a stream that does not exist as empty', async () => {
        expect(await store.readStream(uniqueStream())).toEqual([]);
      });

      it('reads the log in global order from a position, inclusive, with a limit', async () => {
        const [a, b] = [uniqueStream(), uniqueStream()];
        const written = [] as { stream: string; id: string }[];
        for (const stream of [a, b, a, b, a]) {
          const event = newEvent();
          await store.append(stream, [event]);
          written.push({ stream, id: event.id });
        }
        const [first] = await store.readStream(a, { limit: 1 });
        const log = await store.readAll({ from: first.position, limit: 5 });
        expect(log.map((event) => ({ stream: event.stream, id: event.id }))).toEqual(written);
        expect(isIncreasing(log.map((event) => event.position))).toBe(true);

        const fromThird = await store.readAll({ from: log[2].position, limit: 2 });
        expect(fromThird.map((event) => event.id)).toEqual([written[2].id, written[3].id]);
      });

      it('reports the head position as that of the last append', async () => {
        const result = await store.append(uniqueStream(), [newEvent(), newEvent()]);
        expect((await store.headPosition())?.equals(result.position)).toBe(true);
      });
    });

    const { leaveRoom } = capabilities;
    if (leaveRoom) {
      describe('a commit that fails', () => {
        const appendSmallAndLarge = async (full: EventStore) => {
          const [small, large] = [uniqueStream(), uniqueStream()];
          const outcomes = await Promise.allSettled([
            full.append(small, [newEvent()]),
            full.append(large, [newEvent({ data: { text: bulk(200) } })]),
          ]);
          return { small, large, outcomes };
        };

        it("when a group's commit fails, every append of the group is rejected and none is stored", async () => {
          const full = await openStore();
          leaveRoom(full, 64 * 1024);
          const head = await store.headPosition();
          const { small, large, outcomes } = await appendSmallAndLarge(full);
          expect(outcomes).toEqual([
            { status: 'rejected', reason: expect.any(StoreUnavailableError) },
            { status: 'rejected', reason: expect.any(StoreUnavailableError) },
          ]);
          expect(await store.readStream(small)).toEqual([]);
          expect(await store.readStream(large)).toEqual([]);
          expect(await store.headPosition()).toEqual(head);
        });

        it('stores the appends that fit once a failed commit is behind it', async () => {
          const full = await openStore();
          leaveRoom(full, 64 * 1024);
          await appendSmallAndLarge(full);
          const stream = uniqueStream();
          const result = await full.append(stream, [newEvent()]);
          const [stored] = await store.readStream(stream);
          expect(stored.position.equals(result.position)).toBe(true);
        });
      });
    }

    it('keeps 10,000 events from 50 concurrent callers, each once, in one consistent order', async () => {
      const streams = Array.from({ length: 20 }, () => uniqueStream());
      const start = await store.headPosition();
      const callers = Array.from({ length: 50 }, async (_, caller) => {
        for (let i = 0; i < 200; i += 1) {
          const stream = streams[(caller * 7 + i) % streams.length];
          await store.append(stream, [newEvent({ data: { caller, i } })]);
        }
      });
      await Promise.all(callers);

      const ours = new Set(streams);
      const log = (await readAllAfter(store, start)).filter((event) => ours.has(event.stream));
      expect(log).toHaveLength(10_000);
      expect(new Set(log.map((event) => event.id)).size).toBe(10_000);
      expect(isIncreasing(log.map((event) => event.position))).toBe(true);
      for (const stream of streams) {
        const inLog = log.filter((event) => event.stream === stream);
        const read = await store.readStream(stream);
        expect(read.map((event) => event.id)).toEqual(inLog.map((event) => event.id));
        expect(read.map((event) => event.revision)).toEqual(read.map((_, i) => BigInt(i)));
      }
      for (let caller = 0; caller < 50; caller += 1) {
        const order = log
          .filter((event) => (event.data as Caller).caller === caller)
          .map((event) => (event.data as Caller).i);
        expect(order).toEqual(order.map((_, i) => i));
      }
    }, 120_000);

    describe('subscription to the whole log', () => {
      it('crosses from history to live with no gap and no duplicate while appends go on', async () => {
        const stream = uniqueStream();
        const history = Array.from({ length: 100 }, (_, i) => newEvent({ data: { i } }));
        for (const event of history) await store.append(stream, [event]);
        const [middle] = await store.readStream(stream, { fromRevision: 49n, limit: 1 });

        const subscription = store.subscribeToAll({ from: middle.position });
        const received = collect(subscription, stream, 150);
        const live = Array.from({ length: 100 }, (_, i) => newEvent({ data: { i: 100 + i } }));
        for (const event of live) await store.append(stream, [event]);

        const { events, caughtUp } = await received;
        await subscription.close();
        expect(events.map((event) => (event.data as Num).i)).toEqual(
          Array.from({ length: 150 }, (_, i) => 50 + i),
        );
        expect(caughtUp).toBe(true);
      });

      it('tells the subscriber when it has caught up, then delivers new events', async () => {
        const stream = uniqueStream();
        const written = await store.append(stream, [newEvent()]);
        const subscription = store.subscribeToAll({ from: written.position });
        const iterator = subscription[Symbol.asyncIterator]();
        expect((await iterator.next()).value).toEqual({ kind: 'caught-up' });
        const next = newEvent();
        await store.append(stream, [next]);
        const delivered = await nextEventOf(iterator, stream);
        expect(delivered.id).toBe(next.id);
        await subscription.close();
      });

      it('resumes from a stored position string in a new store instance', async () => {
        const stream = uniqueStream();
        const events = Array.from({ length: 20 }, (_, i) => newEvent({ data: { i } }));
        await store.append(stream, events);
        const [before] = await store.readStream(stream, { limit: 1 });

        const first = store.subscribeToAll({ from: before.position });
        const { events: firstPart } = await collect(first, stream, 9);
        await first.close();
        const checkpoint = firstPart[firstPart.length - 1].position.toString();

        const reopened = await openStore();
        const resumed = reopened.subscribeToAll({ from: Position.parse(checkpoint) });
        const { events: rest } = await collect(resumed, stream, 10);
        await resumed.close();
        expect([...firstPart, ...rest].map((event) => (event.data as Num).i)).toEqual(
          Array.from({ length: 19 }, (_, i) => i + 1),
        );
      });

      it('from the start delivers the first event of the log', async () => {
        const [first] = await store.readAll({ limit: 1 });
        const subscription = store.subscribeToAll();
        const iterator = subscription[Symbol.asyncIterator]();
        const message = await iterator.next();
        await subscription.close();
        expect(message.value).toMatchObject({ kind: 'event', event: { id: first.id } });
      });

      it('ends iteration when closed', async () => {
        const subscription = store.subscribeToAll({ from: await store.headPosition() });
        const iterator = subscription[Symbol.asyncIterator]();
        await iterator.next();
        const pending = iterator.next();
        await subscription.close();
        expect(await pending).toMatchObject({ done: true });
      });
    });
  });
}

type Num = { i: number };
type Caller = { caller: number; i: number };

export function uniqueStream(): string {
  return `contract-${randomUUID().replaceAll('-', '')}`;
}

export function newEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return { id: randomUUID(), type: 'contract_tested', data: {}, metadata: {}, ...overrides };
}

function pick(event: RecordedEvent): NewEvent {
  return { id: event.id, type: event.type, data: event.data, metadata: event.metadata };
}

function isIncreasing(positions: Position[]): boolean {
  return positions.every((position, i) => i === 0 || position.isAfter(positions[i - 1]));
}

async function readAllAfter(store: EventStore, start: Position | undefined) {
  const all: RecordedEvent[] = [];
  let from = start;
  for (;;) {
    const page = await store.readAll({ from, limit: 1000 });
    all.push(...page.filter((event) => !from || event.position.isAfter(from)));
    if (page.length < 1000) return all;
    from = page[page.length - 1].position;
  }
}

export async function collect(subscription: Subscription, stream: string, count: number) {
  const events: RecordedEvent[] = [];
  let caughtUp = false;
  for await (const message of subscription) {
    if (message.kind === 'caught-up') caughtUp = true;
    else if (message.event.stream === stream) events.push(message.event);
    if (events.length === count) break;
  }
  return { events, caughtUp };
}

async function nextEventOf(iterator: AsyncIterator<unknown>, stream: string) {
  for (;;) {
    const { value, done } = await iterator.next();
    if (done) throw new Error('The subscription ended before the event arrived');
    const message = value as { kind: string; event?: RecordedEvent };
    if (message.kind === 'event' && message.event!.stream === stream) return message.event!;
  }
}
