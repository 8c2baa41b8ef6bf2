import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { EventStoreDBTestServer } from '../support/eventstoredb-test-server.js';

describe('starting the service on an EventStoreDB older than 23.10', () => {
  let dir: string;
  let server: EventStoreDBTestServer;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-startup-'));
    server = await EventStoreDBTestServer.start({ version: '22.10.1' });
  });

  afterEach(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops with one line naming the server version and the one needed, and exit 1', async () => {
    const run = await runCli(['serve'], {
      HOST: '127.0.0.1',
      INGEST_PORT: '0',
      QUERY_PORT: '0',
      LOG_FORMAT: 'json',
      DATA_DIR: dir,
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: server.connectionString,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe(
      `Cannot start: EventStoreDB at ${server.connectionString} cannot be used: server version 22.10.1 is older than 23.10, the first that tells a subscription it has caught up: upgrade the server`,
    );
  });
});
