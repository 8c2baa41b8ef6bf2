import type { EventStore } from '../../eventstore/event-store.port.js';

const READ_PAGE = 100;

/**
 * The event ids already in the streams an import writes to, read once per stream, so that
 * importing the same deliveries again stores nothing twice.
 */
export class KnownEvents {
  private readonly streams = new Map<string, Set<string>>();

  constructor(private readonly store: EventStore) {}

  async has(stream: string, eventId: string): Promise<boolean> {
    return (await this.idsOf(stream)).has(eventId);
  }

  async add(stream: string, eventId: string): Promise<void> {
    (await this.idsOf(stream)).add(eventId);
  }

  private async idsOf(stream: string): Promise<Set<string>> {
    let ids = this.streams.get(stream);
    if (!ids) {
      ids = await this.readIds(stream);
      this.streams.set(stream, ids);
    }
    return ids;
  }

  /** A page of events at a time: rejected deliveries hold whole bodies, and only ids are kept. */
  private async readIds(stream: string): Promise<Set<string>> {
    const ids = new Set<string>();
    for (let from = 0n; ; from += BigInt(READ_PAGE)) {
      const events = await this.store.readStream(stream, { fromRevision: from, limit: READ_PAGE });
      for (const event of events) ids.add(event.id);
      if (events.length < READ_PAGE) return ids;
    }
  }
}
