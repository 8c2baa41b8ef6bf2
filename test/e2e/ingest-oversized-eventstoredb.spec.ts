import { createHash } from 'node:crypto';
import { REJECTED_DELIVERIES_STREAM } from '../../src/events/delivery-event-types.js';
import { loadFixture } from '../fixtures/webhooks/index.js';
import { EventStoreDBTestServer } from '../support/eventstoredb-test-server.js';
import { post, startService, type RunningService } from '../support/service.js';

const MIB = 1_048_576;

/**
 * The test server refuses appends over 1 MiB as EventStoreDB does, and the default
 * WEBHOOK_BODY_LIMIT takes bodies of 1 MiB: such a body's event can be larger than that.
 */
describe('webhook bodies of 1 MiB on EventStoreDB', () => {
  let server: EventStoreDBTestServer;
  let service: RunningService;

  beforeAll(async () => {
    server = await EventStoreDBTestServer.start();
    service = await startService({
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: server.connectionString,
    });
  });

  afterAll(async () => {
    await service.close();
    await server.stop();
  });

  async function storedEvent(eventId: unknown) {
    const stored = await service.store.readStream(REJECTED_DELIVERIES_STREAM);
    return stored.find((event) => event.id === eventId)!;
  }

  it('keeps a body that is not UTF-8 as its first bytes, flagged, with its size and SHA-256, and answers 413', async () => {
    // A Latin-1 "é" (0xE9) is not valid UTF-8.
    const start = Buffer.from('{"event":"team_candidate_created","data":{"name":"Ren');
    const end = Buffer.from('"}}');
    const body = Buffer.concat([start, Buffer.alloc(MIB - start.length - end.length, 0xe9), end]);

    const answer = await post(service.webhookUrl, body);

    expect(answer.status).toBe(413);
    expect(answer.body.message).toMatch(/too large to store whole/);
    const kept = answer.body.kept as { eventId: string; stream: string };
    expect(kept.stream).toBe(REJECTED_DELIVERIES_STREAM);
    const event = await storedEvent(kept.eventId);
    const data = event.data as Record<string, unknown>;
    expect(data).toMatchObject({
      status: 413,
      bodyEncoding: 'base64',
      bodyTruncated: true,
      bodyBytes: MIB,
    });
    const prefix = Buffer.from(data.body as string, 'base64');
    expect(prefix.length).toBeGreaterThan(MIB / 2);
    expect(prefix.equals(body.subarray(0, prefix.length))).toBe(true);
    const sha256 = createHash('sha256').update(body).digest('hex');
    expect(event.metadata.contentHash).toBe(`sha256:${sha256}`);
  });

  it('keeps a valid webhook too large to store whole the same way, not as its event', async () => {
    const webhook = loadFixture('team_candidate_label_added');
    const padding = 'x'.repeat(MIB - JSON.stringify(webhook).length - 20);
    const body = Buffer.from(JSON.stringify({ ...webhook, padding }));

    const answer = await post(service.webhookUrl, body);

    expect(answer.status).toBe(413);
    const event = await storedEvent((answer.body.kept as { eventId: string }).eventId);
    expect(event.data).toMatchObject({ bodyTruncated: true, bodyBytes: body.length });
    expect(await service.store.readStream(`teamCandidate-${webhook.data.id}`)).toEqual([]);
  });

  it('stores a large webhook whose event fits whole as it is', async () => {
    const webhook = loadFixture('team_candidate_label_added');
    const padding = 'x'.repeat(MIB - 4_096);
    const answer = await post(service.webhookUrl, { ...webhook, padding });

    expect(answer.status).toBe(202);
    const [event] = await service.store.readStream(`teamCandidate-${webhook.data.id}`);
    expect(event.metadata.envelopeExtras).toEqual({ padding });
  });
});
