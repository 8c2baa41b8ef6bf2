import type { EventStore } from '../../eventstore/event-store.port.js';

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
      ids = new Set((await this.store.readStream(stream)).map((event) => event.id));
      this.streams.set(stream, ids);
    }
    return ids;
  }
}
