import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadSettings } from '../../src/config/settings.js';
import { createServer } from '../../src/server.js';

describe('the service on the embedded store', () => {
  let dir: string;
  let app: NestFastifyApplication;
  let baseUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
    app = await createServer(loadSettings({ DATA_DIR: dir }));
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers its health check over HTTP with the store and its head position', async () => {
    const response = await fetch(`${baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      eventStore: 'sqlite',
      headPosition: null,
    });
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
