import type { RecordedEvent, Subscription, SubscriptionMessage } from '../event-store.port.js';
import type { CommitSignal } from './commit-signal.js';

export interface LogSource {
  /** Deliver events after this position. */
  after: number;
  readPage(after: number, limit: number): RecordedEvent[];
  commits: CommitSignal;
  pollIntervalMs: number;
  onClose(): void;
}

const PAGE_SIZE = 500;

/**
 * Pages through the log from a position; once a page comes back short it has caught up,
 * and waits for the next commit in this process or the next poll before reading again.
 * Reading by position alone is gap-free: SQLite serialises writers, so positions become
 * visible in order.
 */
export function subscribeToLog(source: LogSource): Subscription {
  let closed = false;

  async function* messages(): AsyncGenerator<SubscriptionMessage> {
    let after = source.after;
    let caughtUp = false;
    try {
      while (!closed) {
        const seen = source.commits.count;
        const page = source.readPage(after, PAGE_SIZE);
        for (const event of page) {
          if (closed) return;
          yield { kind: 'event', event };
          after = Number(event.position.commit);
        }
        if (page.length === PAGE_SIZE) continue;
        if (!caughtUp) {
          caughtUp = true;
          yield { kind: 'caught-up' };
        }
        if (!closed) await source.commits.wait(seen, source.pollIntervalMs);
      }
    } finally {
      closed = true;
      source.onClose();
    }
  }

  const iterator = messages();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async close() {
      closed = true;
      source.commits.wakeAll();
      await iterator.return(undefined);
    },
  };
}
