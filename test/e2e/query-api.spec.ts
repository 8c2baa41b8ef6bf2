import { STREAM_PAGE_BYTES } from '../../src/query/streams/get-stream-events.handler.js';
import { loadFixture } from '../fixtures/webhooks/index.js';
import { getJson, post, startService, type RunningService } from '../support/service.js';

const READ_KEY = 'reader-key-0123456789abcdef';
const ADMIN_KEY = 'admin-key-0123456789abcdef';

describe('the query API', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService();
  });

  afterAll(async () => {
    await service.close();
  });

  describe('GET /streams/:stream', () => {
    it('returns the raw stored events of a stream with their metadata, a page at a time', async () => {
      const body = loadFixture('team_candidate_label_added');
      const sent = [];
      for (const label of ['a', 'b', 'c']) {
        const answer = await post(service.webhookUrl, {
          ...body,
          data: { ...body.data, added_label: label },
        });
        sent.push(answer.body);
      }
      const stream = sent[0].stream as string;
      const first = await getJson(`${service.queryUrl}/streams/${stream}?limit=2`);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ stream, nextFrom: 2 });
      expect(first.body.events).toEqual([
        {
          id: sent[0].eventId,
          type: 'team_candidate_label_added',
          revision: 0,
          position: sent[0].position,
          createdAt: expect.stringMatching(/Z$/),
          metadata: expect.objectContaining({ eventName: body.event, tokenName: 'test' }),
          data: { ...body.data, added_label: 'a' },
        },
        expect.objectContaining({ id: sent[1].eventId, revision: 1 }),
      ]);
      const second = await getJson(`${service.queryUrl}/streams/${stream}?from=2&limit=2`);
      expect(second.body.events.map((event: { id: string }) => event.id)).toEqual([
        sent[2].eventId,
      ]);
      expect(second.body.nextFrom).toBeNull();
    });

    it('ends a page of large events early, and the next page goes on exactly from there', async () => {
      const body = loadFixture('team_candidate_state_changed');
      const id = '65a1f3c29d4e8b0012a4ffff';
      const sent: string[] = [];
      for (let n = 0; n < 6; n += 1) {
        const padding = `${n}`.repeat(900 * 1024);
        const answer = await post(service.webhookUrl, {
          ...body,
          data: { ...body.data, id, padding },
        });
        expect(answer.status).toBe(202);
        sent.push(answer.body.eventId as string);
      }
      const url = (from: number) =>
        `${service.queryUrl}/streams/teamCandidate-${id}?from=${from}&limit=500`;
      type Event = { id: string; revision: number; data: unknown; metadata: unknown };
      const pages: Event[][] = [];
      for (let from: number | null = 0; from !== null;) {
        const answer = await getJson(url(from));
        expect(answer.status).toBe(200);
        pages.push(answer.body.events);
        from = answer.body.nextFrom;
      }
      expect(pages.map((events) => events.length)).toEqual([4, 2]);
      expect(pages.flat().map((event) => event.id)).toEqual(sent);
      for (const events of pages) {
        const bytes = events.map((event) => JSON.stringify([event.data, event.metadata]).length);
        expect(bytes.reduce((sum, size) => sum + size)).toBeLessThanOrEqual(STREAM_PAGE_BYTES);
      }
    });

    it('answers 404 with a JSON reason for a stream that does not exist', async () => {
      const answer = await getJson(`${service.queryUrl}/streams/teamCandidate-nobody`);
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({
        statusCode: 404,
        message: 'There is no stream "teamCandidate-nobody"',
      });
    });

    it.each([
      ['limit=0', 'limit', /limit must not be less than 1/],
      ['limit=501', 'limit', /limit must not be greater than 500/],
      ['from=-1', 'from', /from must not be less than 0/],
      ['limit=many', 'limit', /limit must be an integer/],
      ['color=red', 'color', /property color should not exist/],
    ])('answers 400 naming the parameter for ?%s', async (query, field, message) => {
      const answer = await getJson(`${service.queryUrl}/streams/x?${query}`);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toBe(`Invalid parameters: ${field}`);
      expect(answer.body.errors).toEqual(
        expect.arrayContaining([{ field, message: expect.stringMatching(message) }]),
      );
    });
  });

  it('describes itself with OpenAPI at /docs and /docs-json', async () => {
    const json = await getJson(`${service.queryUrl}/docs-json`);
    expect(json.status).toBe(200);
    expect(json.body.paths['/streams/{stream}'].get.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'limit', in: 'query' })]),
    );
    const ui = await fetch(`${service.queryUrl}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger-ui');
  });

  it('listens on loopback only when no API keys are configured', () => {
    expect(new URL(service.queryUrl).hostname).toBe('127.0.0.1');
  });
});

describe('the query API with keys', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService({ QUERY_API_KEYS: `reader:${READ_KEY},ops:${ADMIN_KEY}:admin` });
  });

  afterAll(async () => {
    await service.close();
  });

  it('needs a bearer key on every route', async () => {
    const missing = await getJson(`${service.queryUrl}/streams/x`);
    expect(missing.status).toBe(401);
    expect(missing.body.message).toMatch(/Authorization: Bearer <key>/);
    const wrong = await getJson(`${service.queryUrl}/streams/x`, 'not-a-key-at-all-0000');
    expect(wrong.status).toBe(401);
    const right = await getJson(`${service.queryUrl}/streams/x`, READ_KEY);
    expect(right.status).toBe(404);
  });

  it('leaves the health check open', async () => {
    expect((await fetch(`${service.queryUrl}/health`)).status).toBe(200);
  });
});
