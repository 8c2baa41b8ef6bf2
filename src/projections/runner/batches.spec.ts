import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordedEvent, SubscriptionMessage } from '../../eventstore/event-store.port.js';
import { Position } from '../../eventstore/position.js';
import { batches, type Batch } from './batches.js';

/** Subscription messages pushed by the test, delivered as a subscription delivers them. */
function messageSource() {
  const queue: SubscriptionMessage[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  let position = 0n;
  async function* messages(): AsyncGenerator<SubscriptionMessage> {
    for (;;) {
      while (queue.length > 0) yield queue.shift()!;
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  }
  const push = (...items: SubscriptionMessage[]) => {
    queue.push(...items);
    wake?.();
  };
  return {
    messages: messages(),
    events(count: number) {
      push(...Array.from({ length: count }, () => ({ kind: 'event' as const, event: next() })));
    },
    caughtUp: () => push({ kind: 'caught-up' }),
    end() {
      ended = true;
      wake?.();
    },
  };
  function next(): RecordedEvent {
    position += 1n;
    const at = new Position(position);
    return {
      id: `${position}`,
      type: 't',
      stream: 's',
      revision: 0n,
      position: at,
      data: {},
      metadata: {},
      createdAt: new Date(0),
    };
  }
}

const shape = (batch: Batch) => ({
  positions: batch.events.map((event) => event.position.toString()),
  caughtUp: batch.caughtUp,
});

describe('batches', () => {
  it('cuts history into full batches and ends the last at the caught-up message', async () => {
    const source = messageSource();
    source.events(25);
    source.caughtUp();
    const batched = batches(source.messages, { batchSize: 10, flushIntervalMs: 60_000 });
    const sizes = [];
    for (let n = 0; n < 3; n += 1) {
      const { value } = await batched.next();
      sizes.push({ size: value!.events.length, caughtUp: value!.caughtUp });
    }
    expect(sizes).toEqual([
      { size: 10, caughtUp: false },
      { size: 10, caughtUp: false },
      { size: 5, caughtUp: true },
    ]);
  });

  it('reports catching up with an empty batch when nothing is pending', async () => {
    const source = messageSource();
    source.caughtUp();
    const batched = batches(source.messages, { batchSize: 10, flushIntervalMs: 60_000 });
    expect(shape((await batched.next()).value!)).toEqual({ positions: [], caughtUp: true });
  });

  it('once caught up, ends a batch as soon as no further event is ready', async () => {
    const source = messageSource();
    source.caughtUp();
    const batched = batches(source.messages, { batchSize: 10, flushIntervalMs: 200 });
    await batched.next();
    source.events(3);
    const ready = batched.next();
    await sleep(20);
    source.events(2);
    expect(shape((await ready).value!)).toEqual({ positions: ['1', '2', '3'], caughtUp: true });
    expect(shape((await batched.next()).value!)).toEqual({ positions: ['4', '5'], caughtUp: true });
  });

  it('before catching up, keeps a batch open for more events until its flush interval', async () => {
    const source = messageSource();
    source.events(3);
    const batched = batches(source.messages, { batchSize: 10, flushIntervalMs: 200 });
    const pending = batched.next();
    await sleep(20);
    source.events(2);
    expect(shape((await pending).value!)).toEqual({
      positions: ['1', '2', '3', '4', '5'],
      caughtUp: false,
    });
  });

  it('abandons a partial batch when the subscription ends', async () => {
    const source = messageSource();
    source.events(3);
    source.end();
    const batched = batches(source.messages, { batchSize: 10, flushIntervalMs: 60_000 });
    expect(await batched.next()).toEqual({ done: true, value: undefined });
  });
});
