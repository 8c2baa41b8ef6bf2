import type { RecordedEvent, SubscriptionMessage } from '../../eventstore/event-store.port.js';

export interface Batch {
  events: RecordedEvent[];
  /** The subscription has delivered its history: events from here on are live. */
  caughtUp: boolean;
}

export interface BatchLimits {
  batchSize: number;
  flushIntervalMs: number;
}

const IDLE = Symbol('idle');

/**
 * Groups a subscription's events into batches. A batch ends when it is full, when its first
 * event has waited `flushIntervalMs`, at the caught-up message (even empty, to report it),
 * and, once caught up, as soon as no further event is ready. When the subscription ends,
 * a partial batch is abandoned: its events come again from the checkpoint.
 */
export async function* batches(
  messages: AsyncIterable<SubscriptionMessage>,
  limits: BatchLimits,
): AsyncGenerator<Batch> {
  const next = puller(messages);
  let events: RecordedEvent[] = [];
  let caughtUp = false;
  let deadline = 0;
  for (;;) {
    const result = await next(
      events.length === 0 ? undefined : caughtUp ? 0 : Math.max(0, deadline - Date.now()),
    );
    if (result !== IDLE && result.done) return;
    if (result === IDLE || result.value.kind === 'caught-up') {
      caughtUp ||= result !== IDLE;
      yield { events, caughtUp };
      events = [];
      continue;
    }
    if (events.length === 0) deadline = Date.now() + limits.flushIntervalMs;
    events.push(result.value.event);
    if (events.length >= limits.batchSize) {
      yield { events, caughtUp };
      events = [];
    }
  }
}

/**
 * `next(waitMs)` gives the next message, or IDLE when none comes within `waitMs` (undefined:
 * no limit); a message still on its way then stays pending for the next call.
 */
function puller(messages: AsyncIterable<SubscriptionMessage>) {
  const iterator = messages[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<SubscriptionMessage>> | undefined;
  return async (waitMs: number | undefined) => {
    pending ??= iterator.next();
    const result = waitMs === undefined ? await pending : await within(pending, waitMs);
    if (result !== IDLE) pending = undefined;
    return result;
  };
}

async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof IDLE> {
  let timer: NodeJS.Timeout | undefined;
  const idle = new Promise<typeof IDLE>((resolve) => {
    timer = setTimeout(() => resolve(IDLE), ms);
  });
  try {
    return await Promise.race([promise, idle]);
  } finally {
    clearTimeout(timer);
  }
}
