import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDbEventStore } from '../../src/eventstore/esdb/eventstoredb-event-store.js';
import { loadFixture } from '../fixtures/webhooks/index.js';
import { newEvent, uniqueStream } from '../contract/event-store.contract.js';
import { EventStoreDBTestServer } from '../support/eventstoredb-test-server.js';
import { eventually } from '../support/eventually.js';
import { getJson, post, startService, type RunningService } from '../support/service.js';

interface Status {
  name: string;
  state: string;
  error: string | null;
  checkpoint: string | null;
}

/**
 * Read models built from one EventStoreDB, then pointed at another whose log does not hold
 * their checkpoints: past its end, or between two of its events.
 */
describe('projections whose checkpoints are not of the log they are pointed at', () => {
  const servers: EventStoreDBTestServer[] = [];
  let dataDir: string;
  let service: RunningService | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-checkpoints-'));
  });

  afterEach(async () => {
    await service?.close();
    for (const server of servers.splice(0)) await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function serveOn(server: EventStoreDBTestServer) {
    await service?.close();
    service = await startService({
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: server.connectionString,
      DATA_DIR: dataDir,
    });
    return service;
  }

  async function statuses(): Promise<Status[]> {
    return (await getJson(`${service!.queryUrl}/projections`)).body.items;
  }

  /** Read models built on a first server, caught up with two deliveries: their checkpoint. */
  async function readModelsOfAnotherServer(): Promise<string> {
    const first = await EventStoreDBTestServer.start();
    servers.push(first);
    const { webhookUrl } = await serveOn(first);
    let position = '';
    for (const fixture of ['team_candidate_state_changed', 'team_candidate_label_added'] as const) {
      position = (await post(webhookUrl, loadFixture(fixture))).body.position as string;
    }
    await eventually(async () =>
      expect((await statuses()).every((status) => status.checkpoint === position)).toBe(true),
    );
    return position;
  }

  async function startServer(appendTo: (store: EventStoreDbEventStore) => Promise<void>) {
    const server = await EventStoreDBTestServer.start();
    servers.push(server);
    const store = new EventStoreDbEventStore({ connectionString: server.connectionString });
    await appendTo(store);
    await store.close();
    return server;
  }

  it('stops every projection with the reason when its checkpoint is past the end of the log, until rebuilt', async () => {
    const checkpoint = await readModelsOfAnotherServer();
    const other = await startServer(async () => {});

    const { webhookUrl } = await serveOn(other);
    const answer = await post(webhookUrl, loadFixture('team_candidate_state_changed'));

    expect(answer.status).toBe(202);
    const after = await statuses();
    expect(after.length).toBeGreaterThan(0);
    for (const status of after) {
      expect(status).toMatchObject({ state: 'stopped', checkpoint });
      expect(status.error).toMatch(
        new RegExp(`^The checkpoint ${checkpoint} is past the end of the log .*Rebuild`),
      );
    }

    const rebuild = await fetch(`${service!.queryUrl}/projections/team-candidates/rebuild`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(rebuild.status).toBe(202);
    await eventually(async () =>
      expect((await statuses()).find((status) => status.name === 'team-candidates')).toEqual(
        expect.objectContaining({ state: 'live', error: null, checkpoint: answer.body.position }),
      ),
    );
  });

  it('stops every projection with the reason when its checkpoint falls between two events', async () => {
    const checkpoint = await readModelsOfAnotherServer();
    const other = await startServer(async (store) => {
      // One long event spans the checkpoint's offset; the next starts after it.
      await store.append(uniqueStream(), [newEvent({ data: { text: 'x'.repeat(20_000) } })]);
      await store.append(uniqueStream(), [newEvent()]);
    });

    await serveOn(other);

    for (const status of await statuses()) {
      expect(status).toMatchObject({ state: 'stopped', checkpoint });
      expect(status.error).toMatch(new RegExp(`^The checkpoint ${checkpoint} names no event`));
    }
  });
});
