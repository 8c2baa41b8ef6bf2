import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { post, TEST_TOKEN } from '../support/service.js';
import { DeliveryMaker } from './support/deliveries.js';
import { gappedStreams, notStoredOnce, outOfOrder, unexpected } from './support/ledger-checks.js';
import {
  accepted,
  startLoad,
  summary,
  type Answer,
  type Delivery,
} from './support/load-generator.js';

const CLIENTS = 30;
/** The process is killed as this answer arrives, with most other clients' requests in flight. */
const KILL_AT_ANSWER = 300;

describe('a crash during ingest (SQLite store)', () => {
  let dir: string;
  const servers: ServerProcess[] = [];

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-crash-'))));
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGKILL');
        await server.exited;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async () => {
    const server = await startServerProcess({
      DATA_DIR: dir,
      WEBHOOK_TOKENS: `test:${TEST_TOKEN}`,
      ROLES: 'ingest',
    });
    servers.push(server);
    return { server, url: `${server.ingestUrl}/webhooks/qualified/${TEST_TOKEN}` };
  };

  it('after SIGKILL under load and a restart, every 202 is stored exactly once and the log is whole', async () => {
    const deliveries = new DeliveryMaker();
    const { server, url } = await start();
    const load = startLoad({
      url,
      clients: CLIENTS,
      body: (client, seq) => deliveries.body(client, seq),
      onAnswer: (answer) => {
        if (answer.order === KILL_AT_ANSWER - 1) server.child.kill('SIGKILL');
      },
    });
    expect(await server.exited).toBe('SIGKILL');
    const answers = await load.ended;

    const answered = answers.filter((answer) => answer.status !== undefined);
    expect(answered.filter((answer) => answer.status !== 202).map(summary)).toEqual([]);
    // The kill must have cut requests in flight, or it proved nothing.
    expect(answers.length).toBeGreaterThan(answered.length);

    const restarted = await start();
    const afterRestart = await postDelivery(restarted.url, {
      client: CLIENTS,
      seq: 0,
      body: deliveries.body(CLIENTS, 0),
    });
    expect(afterRestart.status).toBe(202);
    restarted.server.child.kill('SIGTERM');
    expect(await restarted.server.exited).toBe(0);

    const file = join(dir, 'events.sqlite');
    expect(integrityCheck(file)).toBe('ok');
    // readAll parses every stored event's data and metadata.
    const events = await readAll(file);
    const acceptedAnswers = [...accepted(answers), afterRestart];
    expect(notStoredOnce(acceptedAnswers, events)).toEqual([]);
    expect(
      unexpected(
        [...answers, afterRestart].map((answer) => answer.delivery),
        events,
      ),
    ).toEqual([]);
    expect(gappedStreams(events)).toEqual([]);
    expect(outOfOrder(acceptedAnswers, events)).toEqual([]);
  }, 90_000);
});

async function postDelivery(url: string, delivery: Delivery): Promise<Answer> {
  const { status, body } = await post(url, delivery.body);
  return { delivery, order: 0, status, body };
}

function integrityCheck(file: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true });
  } finally {
    db.close();
  }
}

async function readAll(file: string) {
  const store = new SqliteEventStore({ file });
  try {
    return await store.readAll();
  } finally {
    await store.close();
  }
}
