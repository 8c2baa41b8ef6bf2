import { report, runChild } from '../support/child-io.js';
import { EventStoreDBTestServer } from '../../test/support/eventstoredb-test-server.js';

/** The EventStoreDB gRPC test server (a test fixture, in memory) in its own process. */
runChild(async () => {
  const server = await EventStoreDBTestServer.start({ systemEvents: false });
  report({ connectionString: server.connectionString });
  await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  await server.stop();
});
