/**
 * The contract suite against a real EventStoreDB server: `npm run test:eventstoredb` with
 * EVENTSTORE_CONNECTION_STRING set (see the README). Not part of `npm test`, which runs the
 * same suite against the project's EventStoreDB-protocol test server.
 */
import { EventStoreDbEventStore } from '../../src/eventstore/esdb/eventstoredb-event-store.js';
import { describeEventStoreContract } from './event-store.contract.js';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
if (!connectionString) {
  throw new Error(
    'Set EVENTSTORE_CONNECTION_STRING to a running server, e.g. esdb://localhost:2113?tls=false',
  );
}

describeEventStoreContract(`EventStoreDB at ${connectionString}`, () => ({
  open: async () => new EventStoreDbEventStore({ connectionString }),
}));
