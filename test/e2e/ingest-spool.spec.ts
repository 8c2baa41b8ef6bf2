import { spoolDepth, spoolFile } from '../../src/ingest/spool/delivery-spool.js';
import { loadFixture } from '../fixtures/webhooks/index.js';
import { EventStoreDBTestServer } from '../support/eventstoredb-test-server.js';
import { eventually } from '../support/eventually.js';
import { post, startService, type RunningService } from '../support/service.js';

describe('webhook ingestion on EventStoreDB while the server is down', () => {
  let server: EventStoreDBTestServer;
  let service: RunningService;

  beforeEach(async () => {
    server = await EventStoreDBTestServer.start();
    service = await startService({
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: server.connectionString,
      EVENTSTORE_APPEND_TIMEOUT_MS: '500',
    });
  });

  afterEach(async () => {
    await service.close();
    await server.stop();
  });

  const delivery = (i: number) => {
    const body = loadFixture('team_candidate_label_added');
    return { ...body, data: { ...body.data, added_label: `label-${i}` } };
  };

  it('spools deliveries, answers 202, and forwards them once, in arrival order', async () => {
    const before = [0, 1, 2].map(delivery);
    const during = [3, 4, 5, 6, 7, 8].map(delivery);
    const after = [9, 10].map(delivery);
    for (const body of before) expect((await post(service.webhookUrl, body)).status).toBe(202);

    await server.stop();
    const spooled = [];
    for (const body of during) spooled.push(await post(service.webhookUrl, body));
    expect(spooled.map((answer) => answer.status)).toEqual(during.map(() => 202));
    expect(spooled.map((answer) => answer.body.spooled)).toEqual(during.map(() => true));

    await server.restart();
    for (const body of after) expect((await post(service.webhookUrl, body)).status).toBe(202);

    const stream = `teamCandidate-${before[0].data.id}`;
    const events = await eventually(async () => {
      const read = await service.store.readStream(stream);
      if (read.length < 11) throw new Error(`${read.length} of 11 events stored`);
      return read;
    });
    expect(events.map((event) => (event.data as { added_label: string }).added_label)).toEqual(
      [...before, ...during, ...after].map((body) => body.data.added_label),
    );
    expect(events.map((event) => event.id)).toEqual(
      expect.arrayContaining(spooled.map((answer) => answer.body.eventId)),
    );
  });

  it('spools a delivery whose append the server takes but does not answer, and stores it once when it answers', async () => {
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
