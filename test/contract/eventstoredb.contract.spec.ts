import { EventStoreDbEventStore } from '../../src/eventstore/esdb/eventstoredb-event-store.js';
import { EventStoreDBTestServer } from '../support/eventstoredb-test-server.js';
import { describeEventStoreContract } from './event-store.contract.js';

let server: EventStoreDBTestServer;

beforeAll(async () => {
  server = await EventStoreDBTestServer.start();
});

afterAll(async () => {
  await server.stop();
});

describeEventStoreContract('EventStoreDB adapter on the protocol test server', () => ({
  open: async () => new EventStoreDbEventStore({ connectionString: server.connectionString }),
}));
