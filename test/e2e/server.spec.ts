import { spawnSync } from 'node:child_process';
import { startService, type RunningService } from '../support/service.js';

describe('the service on the embedded store', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService();
  });

  afterAll(async () => {
    await service.close();
  });

  it.each(['ingest', 'query'] as const)(
    'answers the %s readiness check with the store and its head position',
    async (role) => {
      const url = role === 'ingest' ? service.ingestUrl : service.queryUrl;
      for (const path of ['/health', '/health/ready']) {
        const response = await fetch(`${url}${path}`);
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({
          status: 'ok',
          info: { eventStore: { status: 'up', headPosition: null } },
        });
      }
      const live = await fetch(`${url}/health/live`);
      expect(live.status).toBe(200);
      expect(await live.json()).toMatchObject({ status: 'ok' });
    },
  );

  it('is not ready, with the reason, when the event store does not answer', async () => {
    const broken = await startService();
    await broken.store.close();
    const response = await fetch(`${broken.ingestUrl}/health/ready`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: 'error',
      error: { eventStore: { status: 'down', message: expect.stringMatching(/does not answer/) } },
    });
    expect((await fetch(`${broken.ingestUrl}/health/live`)).status).toBe(200);
    await broken.close();
  });

  it('serves ingest and query on separate ports', () => {
    expect(new URL(service.ingestUrl).port).not.toBe(new URL(service.queryUrl).port);
  });
});

describe('starting with bad configuration', () => {
  it('exits 1 with one line naming the bad variable', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', '@swc-node/register/esm-register', 'src/main.ts'],
      { env: { ...process.env, NODE_OPTIONS: '', INGEST_PORT: 'eighty' }, encoding: 'utf8' },
    );
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Cannot start: Invalid configuration: INGEST_PORT must be a whole number (got "eighty")',
    );
  });
});

describe('request ids', () => {
  it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
    const service = await startService();
    const given = await fetch(`${service.queryUrl}/health`, {
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const insane = await fetch(`${service.ingestUrl}/health`, {
      headers: { 'x-request-id': 'a b<c>' },
    });
    expect(insane.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await service.close();
  });
});
