import { LISTS, ONE_EACH } from '../support/query-routes.js';
import { getJson, startService, type RunningService } from '../support/service.js';

/** What every read-model route shares: parameter checks, documentation, API keys. */

const READ_KEY = 'reader-key-0123456789abcdef';

describe('the read-model routes', () => {
  let service: RunningService;
  const url = (path: string) => `${service.queryUrl}${path}`;

  beforeAll(async () => {
    service = await startService();
  });

  afterAll(async () => {
    await service.close();
  });

  describe.each(LISTS)('the list %s', (path) => {
    it.each([
      ['limit=0', 'limit', 'limit must not be less than 1'],
      ['limit=501', 'limit', 'limit must not be greater than 500'],
      ['limit=ten', 'limit', 'limit must be an integer number'],
      ['limit=2.5', 'limit', 'limit must be an integer number'],
      ['cursor=', 'cursor', 'cursor should not be empty'],
      ['cursor=bogus', 'cursor', '"bogus" is not a cursor of this list'],
      ['cursor=WyJhIiwiYiIsImMiXQ', 'cursor', '"WyJhIiwiYiIsImMiXQ" is not a cursor of this list'],
    ])('answers 400 naming the parameter for ?%s', async (query, field, message) => {
      const answer = await getJson(url(`${path}?${query}`));
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: `Invalid parameters: ${field}`,
        errors: expect.arrayContaining([{ field, message }]),
      });
    });

    it('takes limits up to 500', async () => {
      const answer = await getJson(url(`${path}?limit=500`));
      expect(answer.status).not.toBe(400);
    });
  });

  it.each([...LISTS, ...ONE_EACH])('%s answers 400 naming an unknown parameter', async (path) => {
    const answer = await getJson(url(`${path}?sort=name`));
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      { field: 'sort', message: 'property sort should not exist' },
    ]);
  });

  it('documents every route with its parameters and examples at /docs-json', async () => {
    const { body: docs } = await getJson(url('/docs-json'));
    const paths = Object.keys(docs.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/candidates',
        '/candidates/{id}',
        '/candidates/{id}/timeline',
        '/assessment-results',
        '/assessment-results/{id}',
        '/reviews',
        '/review-progress',
        '/assessments',
        '/assessments/{id}',
        '/challenges',
        '/challenges/{id}',
        '/stats/funnel',
      ]),
    );
    const parameters = (path: string) =>
      docs.paths[path].get.parameters.map((p: { name: string }) => p.name);
    expect(parameters('/candidates')).toEqual(
      expect.arrayContaining(['state', 'label', 'assessmentId', 'q', 'limit', 'cursor']),
    );
    expect(parameters('/candidates/{id}/timeline')).toEqual(
      expect.arrayContaining(['id', 'asOf', 'format', 'limit', 'cursor']),
    );
    expect(parameters('/assessment-results')).toEqual(
      expect.arrayContaining(['candidateId', 'assessmentId', 'state', 'passed']),
    );
    const limit = docs.paths['/reviews'].get.parameters.find(
      (p: { name: string }) => p.name === 'limit',
    );
    expect(limit.schema).toMatchObject({ example: 50, default: 50, maximum: 500 });
    expect(docs.paths['/candidates/{id}/timeline'].get.responses['200'].content).toHaveProperty(
      'text/csv',
    );
    expect(docs.paths['/challenges/{id}'].get.responses).toHaveProperty('404');
    const detail = docs.components.schemas.AssessmentResultDetailResponse.properties;
    expect(detail.candidateEmail).toMatchObject({ example: 'maria.okafor@example.com' });
    expect(detail.solutions.items).toEqual({ $ref: '#/components/schemas/SolutionResponse' });
  });
});

describe('the read-model routes with API keys', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService({ QUERY_API_KEYS: `reader:${READ_KEY}` });
  });

  afterAll(async () => {
    await service.close();
  });

  it('need the key', async () => {
    const missing = await getJson(`${service.queryUrl}/candidates`);
    expect(missing.status).toBe(401);
    const right = await getJson(`${service.queryUrl}/candidates`, READ_KEY);
    expect(right.status).toBe(200);
    expect(right.body).toEqual({ items: [], nextCursor: null });
  });
});
