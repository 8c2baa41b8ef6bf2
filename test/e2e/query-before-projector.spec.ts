import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LISTS, ONE_EACH } from '../support/query-routes.js';
import { getJson, startService, type RunningService } from '../support/service.js';

/** A query replica started on a data directory before any projector has run there. */
describe('the query role before any projector has run', () => {
  let dataDir: string;
  let query: RunningService;
  const url = (path: string) => `${query.queryUrl}${path}`;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-query-first-'));
    query = await startService({ DATA_DIR: dataDir, ROLES: 'query' });
  });

  afterAll(async () => {
    await query.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([...LISTS, ...ONE_EACH])('answers 503 "not built yet" for %s', async (path) => {
    const answer = await getJson(url(path));
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('1');
    expect(answer.body).toMatchObject({
      statusCode: 503,
      error: 'Service Unavailable',
      message: expect.stringMatching(/^Not built yet: no projector has created the read models/),
      projections: expect.arrayContaining([expect.any(String)]),
    });
  });

  it('reports the projections as stopped, with nothing built', async () => {
    const answer = await getJson(url('/projections'));
    expect(answer.status).toBe(200);
    expect(answer.body.items).toContainEqual(
      expect.objectContaining({ name: 'team-candidates', state: 'stopped', liveVersion: null }),
    );
  });

  it('serves the read models once a projector has started on the same data', async () => {
    const projector = await startService({ DATA_DIR: dataDir, ROLES: 'projector' });
    try {
      const list = await getJson(url('/candidates'));
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([]);
      const one = await getJson(url(ONE_EACH[0]));
      expect(one.status).toBe(404);
    } finally {
      await projector.close();
    }
  });
});
