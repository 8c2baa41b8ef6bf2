import { CATALOG } from '../../src/events/event-catalog.js';
import type { EventStore, RecordedEvent } from '../../src/eventstore/event-store.port.js';
import type { SqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { FIXTURE_TYPES, loadFixture, type FixtureType } from '../fixtures/webhooks/index.js';
import { bulk, leaveRoomFor } from '../support/nearly-full-disk.js';
import { post, startService, TEST_TOKEN, type RunningService } from '../support/service.js';

describe('webhook ingestion on the embedded store', () => {
  let service: RunningService;
  const fixture = () => loadFixture('team_candidate_state_changed');

  beforeAll(async () => {
    service = await startService();
  });

  afterAll(async () => {
    await service.close();
  });

  const stored = async (stream: string, eventId: unknown): Promise<RecordedEvent> => {
    const events = await service.store.readStream(stream);
    const event = events.find((candidate) => candidate.id === eventId);
    if (!event) throw new Error(`event ${String(eventId)} is not in ${stream}`);
    return event;
  };
  const head = async () => (await service.store.headPosition())?.toString();

  describe('a known, valid event', () => {
    it('answers 202 once stored, with the data exactly as sent and the delivery facts', async () => {
      const body = fixture();
      const answer = await post(service.webhookUrl, body, {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Qualified-Webhooks/1.0',
      });
      expect(answer.status).toBe(202);
      expect(answer.body).toEqual({
        eventId: expect.any(String),
        type: 'team_candidate_state_changed',
        stream: `teamCandidate-${body.data.id}`,
        position: await head(),
      });
      const event = await stored(answer.body.stream as string, answer.body.eventId);
      expect(event.type).toBe('team_candidate_state_changed');
      expect(event.data).toEqual(body.data);
      expect(event.metadata).toEqual({
        schemaVersion: 1,
        deliveryId: answer.body.eventId,
        receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        eventName: 'team_candidate_state_changed',
        contentHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
        tokenName: 'test',
        userAgent: 'Qualified-Webhooks/1.0',
      });
    });

    it.each(CATALOG.map((entry) => [entry.name, entry.type, entry.resource]))(
      'accepts "%s" and stores it as %s',
      async (name, type) => {
        const data = FIXTURE_TYPES.includes(type as FixtureType)
          ? loadFixture(type as FixtureType).data
          : { id: '65a1f3c29d4e8b0012a4c7ff', created_at: '2024-01-15T10:00:00Z' };
        const answer = await post(service.webhookUrl, { event: name, data });
        expect(answer.status).toBe(202);
        expect(answer.body.type).toBe(type);
        const event = await stored(answer.body.stream as string, answer.body.eventId);
        expect(event).toMatchObject({ type, data, metadata: { eventName: name } });
      },
    );

    it('gives the same content hash to repeats and to both name generations', async () => {
      const body = fixture();
      const first = await post(service.webhookUrl, body);
      const again = await post(service.webhookUrl, body);
      const dotted = await post(service.webhookUrl, { ...body, event: 'team_candidate.created' });
      const changed = await post(service.webhookUrl, {
        ...body,
        data: { ...body.data, state: 'rejected' },
      });
      const hashes = await Promise.all(
        [first, again, dotted, changed].map(async ({ body: answer }) => {
          const event = await stored(answer.stream as string, answer.eventId);
          return event.metadata.contentHash;
        }),
      );
      expect(first.body.eventId).not.toBe(again.body.eventId);
      expect(hashes[1]).toBe(hashes[0]);
      expect(hashes[2]).toBe(hashes[0]);
      expect(hashes[3]).not.toBe(hashes[0]);
    });

    it('keeps top-level keys besides event and data in the metadata', async () => {
      const answer = await post(service.webhookUrl, {
        ...fixture(),
        sent_at: '2024-01-15T10:00:00Z',
      });
      const event = await stored(answer.body.stream as string, answer.body.eventId);
      expect(event.metadata.envelopeExtras).toEqual({ sent_at: '2024-01-15T10:00:00Z' });
    });

    it('stores 500 concurrent deliveries, each exactly once', async () => {
      const before = await service.store.headPosition();
      const bodies = Array.from({ length: 500 }, (_, i) => ({
        event: 'team_candidate_label_added',
        data: {
          ...fixture().data,
          id: `concurrent${String(i).padStart(14, '0')}`,
          added_label: `l${i}`,
        },
      }));
      const answers = await Promise.all(bodies.map((body) => post(service.webhookUrl, body)));
      expect(answers.map((answer) => answer.status)).toEqual(bodies.map(() => 202));
      const log = await service.store.readAll({ from: before });
      const ours = log.filter((event) => event.stream.startsWith('teamCandidate-concurrent'));
      expect(ours).toHaveLength(500);
      expect(new Set(ours.map((event) => event.id))).toEqual(
        new Set(answers.map((answer) => answer.body.eventId)),
      );
    });
  });

  describe('the token', () => {
    it('is accepted in the path, the X-Webhook-Token header or the token query parameter', async () => {
      const plain = `${service.ingestUrl}/webhooks/qualified`;
      const answers = [
        await post(service.webhookUrl, fixture()),
        await post(plain, fixture(), {
          'content-type': 'application/json',
          'x-webhook-token': TEST_TOKEN,
        }),
        await post(`${plain}?token=${TEST_TOKEN}`, fixture()),
      ];
      expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202]);
    });

    it.each([
      ['missing', '/webhooks/qualified', /A webhook token is required/],
      ['wrong', '/webhooks/qualified/not-the-token-at-all', /not one this service knows/],
    ])('refuses a %s token with 401 and stores nothing', async (_case, path, message) => {
      const before = await head();
      const answer = await post(`${service.ingestUrl}${path}`, fixture());
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({
        statusCode: 401,
        message: expect.stringMatching(message),
      });
      expect(await head()).toBe(before);
    });
  });

  describe('bad input', () => {
    const rejectedDelivery = async (answer: { body: Record<string, unknown> }) => {
      const kept = answer.body.kept as { stream: string; eventId: string };
      expect(kept.stream).toBe('rejectedDeliveries');
      return stored(kept.stream, kept.eventId);
    };

    it('refuses a body over the limit with 413 and stores nothing', async () => {
      const before = await head();
      const answer = await post(service.webhookUrl, 'x'.repeat(1024 * 1024 + 1));
      expect(answer.status).toBe(413);
      expect(answer.body.message).toMatch(/too large/);
      expect(await head()).toBe(before);
    });

    it('answers 400 to a body that is not JSON and keeps the raw body', async () => {
      const answer = await post(service.webhookUrl, '{"event": "team_candidate_state_changed",');
      expect(answer.status).toBe(400);
      expect(answer.body.message).toMatch(/^The body is not valid JSON/);
      const event = await rejectedDelivery(answer);
      expect(event.type).toBe('delivery_rejected');
      expect(event.data).toMatchObject({
        status: 400,
        body: '{"event": "team_candidate_state_changed",',
        bodyEncoding: 'utf8',
        contentType: 'application/json',
      });
    });

    it('keeps bytes that are not UTF-8 as base64', async () => {
      const bytes = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
      const answer = await post(service.webhookUrl, bytes);
      expect(answer.status).toBe(400);
      const event = await rejectedDelivery(answer);
      expect(event.data).toMatchObject({ body: bytes.toString('base64'), bodyEncoding: 'base64' });
    });

    it('answers 415 to a content type that is not JSON, and keeps the body', async () => {
      const answer = await post(service.webhookUrl, 'event=x', { 'content-type': 'text/plain' });
      expect(answer.status).toBe(415);
      expect(answer.body.message).toBe('Content-Type must be application/json, not "text/plain"');
      expect((await rejectedDelivery(answer)).data).toMatchObject({ status: 415, body: 'event=x' });
    });

    it('answers 422 with field errors to JSON that is not a webhook, and keeps it', async () => {
      const answer = await post(service.webhookUrl, { event: 42, payload: {} });
      expect(answer.status).toBe(422);
      expect(answer.body.errors).toEqual([
        { field: 'event', message: 'must be a string naming the event' },
        { field: 'data', message: 'must be a JSON object' },
      ]);
      expect((await rejectedDelivery(answer)).data).toMatchObject({
        status: 422,
        body: '{"event":42,"payload":{}}',
      });
    });

    it('answers 422 naming each bad field of a known event, and keeps it with the errors', async () => {
      const body = loadFixture('assessment_result_submitted');
      const data = { ...body.data, score: 'ninety', solutions: [{ attempts: 'two' }] };
      const answer = await post(service.webhookUrl, { event: body.event, data });
      expect(answer.status).toBe(422);
      const errors = answer.body.errors as { field: string; message: string }[];
      expect(errors.map((error) => error.field)).toEqual([
        'data.score',
        'data.solutions[0].attempts',
      ]);
      expect(errors[0].message).toMatch(/must be a number/);
      const event = await rejectedDelivery(answer);
      expect(event.data).toMatchObject({ status: 422, errors });
      expect(event.metadata.eventName).toBe('assessment_result_submitted');
    });

    describe('bodies that would take long to validate, hash and store', () => {
      const withList = (field: string, length: number, item: string) => {
        const body = loadFixture('assessment_result_submitted');
        const text = JSON.stringify({ ...body, data: { ...body.data, [field]: '*' } });
        return text.replace('"*"', `[${Array(length).fill(item).join(',')}]`);
      };

      it.each([
        [
          '40,000 empty solutions',
          withList('solutions', 40_000, '{}'),
          'body.data.solutions',
          'has more than 1000 items, the most a list may hold',
        ],
        [
          '340,000 empty solutions, near the body limit',
          withList('solutions', 340_000, '{}'),
          'body.data.solutions',
          'has more than 1000 items, the most a list may hold',
        ],
        [
          '1,001 labels of an unknown field',
          withList('tags', 1001, '"x"'),
          'body.data.tags',
          'has more than 1000 items, the most a list may hold',
        ],
        [
          '100 lists of 1,000 numbers',
          withList('matrix', 100, `[${Array(1000).fill(0).join(',')}]`),
          'body',
          'holds more than 100000 values',
        ],
      ])('answers 422 to %s and keeps the body', async (_name, text, field, message) => {
        const answer = await post(service.webhookUrl, text);
        expect(answer.status).toBe(422);
        expect(answer.body.errors).toEqual([{ field, message }]);
        expect((await rejectedDelivery(answer)).data).toMatchObject({
          status: 422,
          body: text,
          errors: [{ field, message }],
        });
      });

      it('stores a body whose lists hold up to 1,000 items each', async () => {
        const answer = await post(service.webhookUrl, withList('solutions', 1000, '{}'));
        expect(answer.status).toBe(202);
      });
    });

    it('answers 422 to a known event with one bad field, and keeps it out of the resource stream', async () => {
      const body = loadFixture('assessment_result_submitted');
      const data = { ...body.data, id: '65a1f4087c3a5d0011f3d2ff', score: 'ninety' };
      const answer = await post(service.webhookUrl, { event: body.event, data });
      expect(answer.status).toBe(422);
      expect(answer.body.errors).toEqual([
        { field: 'data.score', message: expect.stringMatching(/must be a number/) },
      ]);
      expect((await rejectedDelivery(answer)).data).toMatchObject({
        status: 422,
        errors: answer.body.errors,
      });
      expect(await service.store.readStream(`assessmentResult-${data.id}`)).toEqual([]);
    });

    it('stores an event it does not know with 202, whole, for a later version', async () => {
      const body = { event: 'candidate_teleported', data: { id: 'abc', to: 'mars' } };
      const answer = await post(service.webhookUrl, body);
      expect(answer.status).toBe(202);
      expect(answer.body).toMatchObject({
        type: 'delivery_unrecognised',
        stream: 'unrecognisedEvents',
        message: expect.stringContaining('"candidate_teleported"'),
      });
      const event = await stored('unrecognisedEvents', answer.body.eventId);
      expect(event.data).toEqual(body);
      expect(event.metadata.eventName).toBe('candidate_teleported');
    });

    it('answers 503 with Retry-After when the store cannot take the delivery', async () => {
      const broken = await startService();
      await broken.store.close();
      const answer = await post(broken.webhookUrl, fixture());
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('60');
      expect(answer.body.message).toMatch(/Nothing was stored; try again later/);
      await broken.close();
    });
  });
});

describe('webhook ingestion when the event store cannot commit', () => {
  let service: RunningService;

  beforeEach(async () => {
    service = await startService();
  });

  afterEach(async () => {
    await service.close();
  });

  it('answers 503 to every delivery of a group whose commit fails, and stores none of them', async () => {
    const body = loadFixture('team_candidate_state_changed');
    const delivery = (suffix: string, notes: string) => ({
      ...body,
      data: { ...body.data, id: `65a1f3c29d4e8b0012a4c7${suffix}`, notes },
    });
    const small = ['a1', 'a2', 'a3', 'a4'].map((suffix) => delivery(suffix, 'Called back.'));
    const bodies = [...small, delivery('a5', bulk(200))];
    leaveRoomFor(service.store as SqliteEventStore, 64 * 1024);
    const head = await service.store.headPosition();

    appendTogether(service.store, bodies.length);
    const answers = await Promise.all(bodies.map((each) => post(service.webhookUrl, each)));

    expect(answers.map((answer) => [answer.status, answer.headers.get('retry-after')])).toEqual(
      bodies.map(() => [503, '60']),
    );
    expect(await service.store.headPosition()).toEqual(head);
  });
});

/** Holds the store's appends until `count` wait, then makes them in one turn: one commit group. */
function appendTogether(store: EventStore, count: number): void {
  const append = store.append.bind(store);
  const waiting: (() => void)[] = [];
  store.append = (...args) =>
    new Promise((resolve, reject) => {
      waiting.push(() => append(...args).then(resolve, reject));
      if (waiting.length === count) for (const go of waiting) go();
    });
}

describe('webhook ingestion without authentication', () => {
  it('accepts deliveries without a token only when WEBHOOK_AUTH=none', async () => {
    const service = await startService({ WEBHOOK_AUTH: 'none' });
    const answer = await post(
      `${service.ingestUrl}/webhooks/qualified`,
      loadFixture('challenge_created'),
    );
    expect(answer.status).toBe(202);
    const [event] = await service.store.readStream(answer.body.stream as string);
    expect(event.metadata.tokenName).toBeNull();
    await service.close();
  });
});
