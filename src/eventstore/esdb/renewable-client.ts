import { EventStoreDBClient } from '@eventstore/db-client';
import { isDiscoveryFailure } from './error-mapping.js';

/**
 * The EventStoreDB client, made anew after a failed leader discovery. Client 6.2.1 keeps the
 * failure of its server-features lookup for good when discovery fails (during an election,
 * say): reads work again once a leader is elected, but every append through that client
 * still fails.
 */
export class RenewableClient {
  private client: EventStoreDBClient;

  constructor(private readonly connectionString: string) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  get current(): EventStoreDBClient {
    return this.client;
  }

  /** Runs a call on the current client; a failed discovery gives the next call a new client. */
  async use<T>(call: (client: EventStoreDBClient) => Promise<T>): Promise<T> {
    const client = this.client;
    try {
      return await call(client);
    } catch (error) {
      this.renewAfter(client, error);
      throw error;
    }
  }

  /** Replaces `failed` when `error` says it found no leader, unless that was done already. */
  renewAfter(failed: EventStoreDBClient, error: unknown): void {
    if (failed !== this.client || !isDiscoveryFailure(error)) return;
    this.client = EventStoreDBClient.connectionString(this.connectionString);
    void failed.dispose();
  }

  dispose(): Promise<void> {
    return this.client.dispose();
  }
}
