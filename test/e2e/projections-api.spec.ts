import { Position } from '../../src/eventstore/position.js';
import { READ_MODEL_PROJECTIONS } from '../../src/projections/read-models.js';
import { loadFixture } from '../fixtures/webhooks/index.js';
import { eventually } from '../support/eventually.js';
import { getJson, post, startService, type RunningService } from '../support/service.js';

const READER = 'reader-key-0123456789abcdef';
const ADMIN = 'admin-key-0123456789abcdef';

async function postAs(url: string, key?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: '{}',
  });
  const body = (await response.json()) as { rebuilding?: string[]; message?: string };
  return { status: response.status, body, headers: response.headers };
}

describe('the projections routes and read-your-writes', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService({ QUERY_WAIT_TIMEOUT_MS: '300' });
  });

  afterAll(async () => {
    await service.close();
  });

  const ingest = async () =>
    (await post(service.webhookUrl, loadFixture('challenge_created'))).body;

  it('waits with minPosition until the projections include a write, and says where they are', async () => {
    const { position } = await ingest();
    const answer = await getJson(`${service.queryUrl}/projections?minPosition=${position}`);
    expect(answer.status).toBe(200);
    const reached = Position.parse(answer.headers.get('x-projection-position')!);
    expect(reached.compare(Position.parse(position as string))).toBeGreaterThanOrEqual(0);
    expect(answer.body.items.map((item: { name: string }) => item.name)).toEqual(
      READ_MODEL_PROJECTIONS.map((projection) => projection.name),
    );
    for (const status of answer.body.items) {
      expect(status).toMatchObject({ state: 'live', parked: 0, rebuild: null, head: position });
      expect(Position.parse(status.checkpoint).equals(Position.parse(position as string))).toBe(
        true,
      );
      expect(status.lag).toEqual({ events: 0, seconds: 0 });
    }
  });

  it('lets a client read its own write from a read model at once', async () => {
    const body = loadFixture('team_candidate_state_changed');
    const data = { ...body.data, id: 'ryw000000000000000000001', state: 'approved' };
    const { position } = (await post(service.webhookUrl, { ...body, data })).body;
    const answer = await getJson(
      `${service.queryUrl}/candidates/${data.id}?minPosition=${position}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: data.id, state: 'approved' });
    expect(answer.headers.get('x-projection-position')).toBe(position);
  });

  it('accepts the position in an X-Min-Position header too', async () => {
    const { position } = await ingest();
    const response = await fetch(`${service.queryUrl}/projections`, {
      headers: { 'x-min-position': position as string },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-projection-position')).toBe(position);
  });

  it('answers 503 with the projections behind when the position is not reached in time', async () => {
    const { position } = await ingest();
    const future = Position.parse(position as string).commit + 1000n;
    const answer = await getJson(`${service.queryUrl}/projections?minPosition=${future}`);
    expect(answer.status).toBe(503);
    expect(answer.body.message).toMatch(
      new RegExp(`had not reached position ${future} after 300 ms`),
    );
    expect(answer.body.projections).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'team-candidates', checkpoint: expect.any(String) }),
      ]),
    );
  });

  it('answers 400 naming minPosition when it is not a position', async () => {
    const answer = await getJson(`${service.queryUrl}/projections?minPosition=yesterday`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      { field: 'minPosition', message: expect.stringMatching(/not a log position/) },
    ]);
  });

  it('rebuilds a projection on request and reports it live again afterwards', async () => {
    await ingest();
    const answer = await postAs(`${service.queryUrl}/projections/catalogue/rebuild`);
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ rebuilding: ['catalogue'], progress: '/projections' });
    expect(answer.headers.get('location')).toBe('/projections');
    await eventually(async () => {
      const { body } = await getJson(`${service.queryUrl}/projections`);
      const catalogue = body.items.find((item: { name: string }) => item.name === 'catalogue');
      expect(catalogue).toMatchObject({ state: 'live', rebuild: null });
    });
    const all = await postAs(`${service.queryUrl}/projections/rebuild`);
    expect(all.body.rebuilding).toHaveLength(READ_MODEL_PROJECTIONS.length);
  });

  it('answers 404 for an unknown projection or parked event', async () => {
    const unknown = await postAs(`${service.queryUrl}/projections/nope/rebuild`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('No projection is named "nope"');
    const letter = await postAs(`${service.queryUrl}/projections/dead-letters/missing/retry`);
    expect(letter.status).toBe(404);
    expect(letter.body.message).toBe('No parked event has the id "missing"');
  });

  it('lists no parked events when every event applied', async () => {
    const answer = await getJson(`${service.queryUrl}/projections/dead-letters`);
    expect(answer.body).toEqual({ items: [] });
  });
});

describe('the projections admin routes with API keys', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService({ QUERY_API_KEYS: `reader:${READER},ops:${ADMIN}:admin` });
  });

  afterAll(async () => {
    await service.close();
  });

  it('let any key read the status but only an admin key rebuild or see parked events', async () => {
    expect((await getJson(`${service.queryUrl}/projections`, READER)).status).toBe(200);
    const refused = await postAs(`${service.queryUrl}/projections/rebuild`, READER);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('The key "reader" is not an admin key');
    expect((await getJson(`${service.queryUrl}/projections/dead-letters`, READER)).status).toBe(
      403,
    );
    expect((await postAs(`${service.queryUrl}/projections/rebuild`, ADMIN)).status).toBe(202);
  });
});
