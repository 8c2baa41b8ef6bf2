import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../../src/config/settings.js';
import type { EventStore } from '../../src/eventstore/event-store.port.js';
import { startRoles } from '../../src/roles/start-roles.js';

export const TEST_TOKEN = 'test-secret-0123456789abcdef';

export interface RunningService {
  ingestUrl: string;
  queryUrl: string;
  webhookUrl: string;
  store: EventStore;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The whole service on loopback ports over real HTTP, with its data in a fresh temporary
 * directory (or the given one) and one webhook token, `test`.
 */
export async function startService(env: NodeJS.ProcessEnv = {}): Promise<RunningService> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'ledger-service-'));
  const settings = loadSettings({
    WEBHOOK_TOKENS: `test:${TEST_TOKEN}`,
    HOST: '127.0.0.1',
    INGEST_PORT: '0',
    QUERY_PORT: '0',
    LOG_LEVEL: 'error',
    ...env,
    DATA_DIR: dataDir,
  });
  const running = await startRoles(settings);
  return {
    ingestUrl: running.ingestUrl ?? '',
    queryUrl: running.queryUrl ?? '',
    webhookUrl: `${running.ingestUrl}/webhooks/qualified/${TEST_TOKEN}`,
    store: running.resources.eventStore,
    dataDir,
    close: async () => {
      await running.close();
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

/** GETs a URL, with an API key when given, and returns the status and the parsed JSON answer. */
export async function getJson(url: string, key?: string) {
  const response = await fetch(url, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  // Tests read answers loosely and assert their shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const body: any = await response.json();
  return { status: response.status, body, headers: response.headers };
}
