import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore } from '../../eventstore/event-store.port.js';
import { StartupError } from './startup-error.js';

/** Pause between attempts to reach the event store. */
const RETRY_MS = 250;

/**
 * Waits until the event store answers, asking again until `timeoutMs` has passed: a service
 * started beside its EventStoreDB waits for it to come up, one pointed at a wrong or dead
 * address stops with the last reason it got.
 */
export async function waitForEventStore(
  store: EventStore,
  options: { timeoutMs: number; name: string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let reason: unknown;
  while (Date.now() < deadline) {
    try {
      await answerWithin(store, deadline - Date.now());
      return;
    } catch (error) {
      if (!(error instanceof NoAnswer)) reason = error;
    }
    await sleep(Math.min(RETRY_MS, Math.max(0, deadline - Date.now())));
  }
  const because = reason === undefined ? '' : `: ${oneLine(reason)}`;
  throw new StartupError(
    `${options.name} did not answer within ${options.timeoutMs} ms (EVENTSTORE_CONNECT_TIMEOUT_MS)${because}`,
    { cause: reason },
  );
}

class NoAnswer extends Error {}

/** Asks for the store's head position; rejects with NoAnswer when that takes over `ms`. */
async function answerWithin(store: EventStore, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswer()), ms);
  });
  try {
    await Promise.race([store.headPosition(), late]);
  } finally {
    clearTimeout(timer);
  }
}

export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim();
}
