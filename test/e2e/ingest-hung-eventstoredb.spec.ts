import { spoolDepth, spoolFile } from '../../src/ingest/spool/delivery-spool.js';
import { loadFixture } from '../fixtures/webhooks/index.js';
import { EventStoreDBTestServer } from '../support/eventstoredb-test-server.js';
import { eventually } from '../support/eventually.js';
import { post, startService, type RunningService } from '../support/service.js';

describe('webhook ingestion on EventStoreDB that takes appends but does not answer them', () => {
  let server: EventStoreDBTestServer;
  let service: RunningService;

  beforeEach(async () => {
    server = await EventStoreDBTestServer.start();
    service = await startService({
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: server.connectionString,
      EVENTSTORE_APPEND_TIMEOUT_MS: '300',
    });
  });

  afterEach(async () => {
    await service.close();
    await server.stop();
  });

  it('spools the delivery, answers 202, and stores it once after the server answers again', async () => {
    const body = loadFixture('team_candidate_label_added');
    expect((await post(service.webhookUrl, body)).status).toBe(202);

    server.holdAppends();
    const answer = await post(service.webhookUrl, body);
    expect(answer.status).toBe(202);
    expect(answer.body.spooled).toBe(true);
    // The spool forwards it while the server still does not answer; then all of them land.
    await eventually(async () => expect(server.appendsReceived.batchAppend).toBeGreaterThan(2));
    server.releaseAppends();

    await eventually(async () => expect(spoolDepth(spoolFile(service.dataDir))).toBe(0));
    const stored = await service.store.readStream(`teamCandidate-${body.data.id}`);
    expect(stored.filter((event) => event.id === answer.body.eventId)).toHaveLength(1);
    expect(stored).toHaveLength(2);
  });
});
