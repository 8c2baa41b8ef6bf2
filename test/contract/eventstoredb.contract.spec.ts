import { EventStoreDbEventStore } from '../../src/eventstore/esdb/eventstoredb-event-store.js';
import { EventStoreDBTestServer } from '../support/eventstoredb-test-server.js';
import { describeEventStoreContract } from './event-store.contract.js';

// Servers since 21.10 take appends over BatchAppend; older ones only over Streams.Append.
describe.each([
  { path: 'BatchAppend', batchAppend: true },
  { path: 'the single-append fallback', batchAppend: false },
])('appending over $path', ({ batchAppend }) => {
  let server: EventStoreDBTestServer;

  beforeAll(async () => {
    server = await EventStoreDBTestServer.start({ batchAppend });
  });

  afterAll(async () => {
    await server.stop();
  });

  describeEventStoreContract('EventStoreDB adapter on the protocol test server', () => ({
    open: async () => new EventStoreDbEventStore({ connectionString: server.connectionString }),
  }));

  it('the client appended over this path, not the other', () => {
    const { append, batchAppend: batched } = server.appendsReceived;
    expect(batchAppend ? batched : append).toBeGreaterThan(0);
    expect(batchAppend ? append : batched).toBe(0);
  });
});
