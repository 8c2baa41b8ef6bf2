import type { EventStore } from '../../eventstore/event-store.port.js';
import { StartupError } from './startup-error.js';
import { waitForEventStore } from './wait-for-event-store.js';

/** A store whose head position answers as `headPosition` says; counts the questions. */
function storeThat(headPosition: (attempt: number) => Promise<undefined>) {
  let attempts = 0;
  const store = { headPosition: () => headPosition(++attempts) } as unknown as EventStore;
  return { store, attempts: () => attempts };
}

const options = { timeoutMs: 2_000, name: 'EventStoreDB at esdb://db:2113' };

describe('waitForEventStore', () => {
  it('waits for a store that comes up', async () => {
    const { store, attempts } = storeThat(async (attempt) => {
      if (attempt < 3) throw new Error('connect ECONNREFUSED');
      return undefined;
    });
    await waitForEventStore(store, options);
    expect(attempts()).toBe(3);
  });

  it('gives up with the last reason, on one line', async () => {
    const { store } = storeThat(async () => {
      throw new Error('14 UNAVAILABLE: No connection established.\n  Last error: refused');
    });
    const waiting = waitForEventStore(store, { ...options, timeoutMs: 300 });
    await expect(waiting).rejects.toThrow(StartupError);
    await expect(waiting).rejects.toThrow(
      'EventStoreDB at esdb://db:2113 did not answer within 300 ms (EVENTSTORE_CONNECT_TIMEOUT_MS): 14 UNAVAILABLE: No connection established. Last error: refused',
    );
  });

  it('gives up on a store that never answers', async () => {
    const { store } = storeThat(() => new Promise(() => {}));
    await expect(waitForEventStore(store, { ...options, timeoutMs: 300 })).rejects.toThrow(
      /^EventStoreDB at esdb:\/\/db:2113 did not answer within 300 ms \(EVENTSTORE_CONNECT_TIMEOUT_MS\)$/,
    );
  });
});
