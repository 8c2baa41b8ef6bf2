import {
  excludeSystemEvents,
  START,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
} from '@eventstore/db-client';
import type { Subscription, SubscriptionMessage } from '../event-store.port.js';
import type { Position } from '../position.js';
import { isTransient, toPortError } from './error-mapping.js';
import { toEsdbPosition, toRecordedEvent } from './event-mapping.js';
import { MessageQueue } from './message-queue.js';
import type { RenewableClient } from './renewable-client.js';

export interface RetryPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
}

const HIGH_WATER = 1000;

/**
 * A catch-up subscription to $all that survives dropped connections and leader changes: on
 * any error but a permanent one it subscribes again after the last event it handed on, so
 * nothing is skipped or repeated. The caught-up message is placed after the events the
 * server sent before it, and is sent once.
 */
export function subscribeToAllWithRetry(
  clients: RenewableClient,
  from: Position | undefined,
  retry: RetryPolicy,
): Subscription {
  let last = from;
  let closed = false;
  let caughtUpSent = false;
  let current: AllStreamSubscription | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let delay = retry.initialDelayMs;
  const queue = new MessageQueue<SubscriptionMessage>(() => current?.resume());

  const open = () => {
    const client = clients.current;
    const subscription = client.subscribeToAll({
      fromPosition: last ? toEsdbPosition(last) : START,
      filter: excludeSystemEvents(),
    });
    current = subscription;
    let received = 0;
    let caughtUpAfter: number | undefined;
    let lost = false;

    const placeCaughtUp = () => {
      if (caughtUpAfter === undefined || received < caughtUpAfter) return;
      caughtUpAfter = undefined;
      caughtUpSent = true;
      queue.push({ kind: 'caught-up' });
    };
    const onLost = (error?: unknown) => {
      if (lost || closed) return;
      lost = true;
      subscription.removeAllListeners('data');
      clients.renewAfter(client, error);
      if (error !== undefined && !isTransient(error)) return queue.fail(toPortError(error));
      reconnectTimer = setTimeout(open, delay);
      delay = Math.min(delay * 2, retry.maxDelayMs);
    };

    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      received += 1;
      delay = retry.initialDelayMs;
      const event = toRecordedEvent(resolved);
      if (event) {
        last = event.position;
        queue.push({ kind: 'event', event });
      }
      placeCaughtUp();
      if (queue.length >= HIGH_WATER) subscription.pause();
    });
    subscription.on('caughtUp', () => {
      if (caughtUpSent || caughtUpAfter !== undefined) return;
      // Events the server sent before caught-up may still sit in the stream's buffer.
      caughtUpAfter = received + subscription.readableLength;
      placeCaughtUp();
    });
    subscription.on('error', onLost);
    subscription.on('close', () => onLost());
  };

  open();
  const iterator = queue.drain();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async close() {
      closed = true;
      clearTimeout(reconnectTimer);
      queue.end();
      // One that never reached a server has nothing to cancel and rejects.
      await current?.unsubscribe().catch(() => {});
      await iterator.return(undefined);
    },
  };
}
