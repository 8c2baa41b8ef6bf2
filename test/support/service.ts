import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../../src/config/settings.js';
import { EVENT_STORE, type EventStore } from '../../src/eventstore/event-store.port.js';
import { createServer } from '../../src/server.js';

export const TEST_TOKEN = 'test-secret-0123456789abcdef';

export interface RunningService {
  baseUrl: string;
  webhookUrl: string;
  store: EventStore;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The whole service on loopback over real HTTP, with its data in a fresh temporary
 * directory (or the given one) and one webhook token, `test`.
 */
export async function startService(env: NodeJS.ProcessEnv = {}): Promise<RunningService> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'ledger-service-'));
  const settings = loadSettings({
    WEBHOOK_TOKENS: `test:${TEST_TOKEN}`,
    ...env,
    DATA_DIR: dataDir,
  });
  const app = await createServer(settings, { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const baseUrl = await app.getUrl();
  return {
    baseUrl,
    webhookUrl: `${baseUrl}/webhooks/qualified/${TEST_TOKEN}`,
    store: app.get<EventStore>(EVENT_STORE),
    dataDir,
    close: async () => {
      await app.close();
      if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** POSTs a JSON body (or raw text) and returns the status and the parsed JSON answer. */
export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}
