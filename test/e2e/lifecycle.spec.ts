import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { loadFixture } from '../fixtures/webhooks/index.js';
import { startServerProcess } from '../support/server-process.js';
import { TEST_TOKEN } from '../support/service.js';

describe('stopping the service', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-lifecycle-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('on SIGTERM under load, exits 0 and every delivery answered 202 is in the store', async () => {
    const server = await startServerProcess({
      DATA_DIR: dir,
      WEBHOOK_TOKENS: `test:${TEST_TOKEN}`,
    });
    const url = `${server.ingestUrl}/webhooks/qualified/${TEST_TOKEN}`;
    const body = JSON.stringify(loadFixture('team_candidate_label_added'));
    const accepted: string[] = [];
    let sent = 0;
    let stopped = false;
    let signalled = false;
    const client = async () => {
      while (!stopped) {
        sent += 1;
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          });
          if (response.status === 202)
            accepted.push(((await response.json()) as { eventId: string }).eventId);
        } catch {
          return; // the server has gone
        }
        if (sent >= 300 && !signalled) {
          signalled = true;
          server.child.kill('SIGTERM');
        }
      }
    };
    const clients = Array.from({ length: 20 }, client);
    const code = await server.exited;
    stopped = true;
    await Promise.all(clients);

    expect(code).toBe(0);
    expect(accepted.length).toBeGreaterThan(0);
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    const stored = new Set((await store.readAll()).map((event) => event.id));
    await store.close();
    expect(accepted.filter((id) => !stored.has(id))).toEqual([]);
  });
});
