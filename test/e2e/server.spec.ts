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
    'answers the %s health check with the store and its head position',
    async (role) => {
      const url = role === 'ingest' ? service.ingestUrl : service.queryUrl;
      const response = await fetch(`${url}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        status: 'ok',
        eventStore: 'sqlite',
        headPosition: null,
      });
    },
  );

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
