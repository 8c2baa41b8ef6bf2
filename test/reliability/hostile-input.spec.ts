import * as fc from 'fast-check';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { loadFixture } from '../fixtures/webhooks/index.js';
import { getJson, startService, TEST_TOKEN, type RunningService } from '../support/service.js';
import { rightCredentials, wrongCredentials, type Credentials } from './support/credentials.js';
import { deliver, expectRefusedUnstored, expectStoredOrRefused } from './support/hostile-checks.js';
import {
  deepBody,
  hostileDelivery,
  paddedTo,
  type Envelope,
  type HostileDelivery,
} from './support/hostile-delivery.js';
import { hostileDeliveries } from './support/hostile-deliveries.js';
import { nestedJson } from './support/json-surgery.js';
import { pollution } from './support/pollution.js';

const LIMIT = 64 * 1024;
const LIST_LIMIT = 1000;

/** Runs are bounded to keep the suite fast; FC_SEED (and FC_PATH) replay a reported failure. */
function runs(numRuns: number, examples: [HostileDelivery, Credentials][] = []) {
  const seed = process.env.FC_SEED;
  return {
    numRuns,
    examples,
    ...(seed ? { seed: Number(seed), path: process.env.FC_PATH } : {}),
  };
}

const candidate = () => loadFixture('team_candidate_state_changed') as Envelope;
const inPath: Credentials = { place: 'path', token: TEST_TOKEN };

describe('hostile webhook deliveries over HTTP', () => {
  let service: RunningService;
  let ledger: SqliteEventStore;

  beforeAll(async () => {
    service = await startService({
      WEBHOOK_BODY_LIMIT: String(LIMIT),
      WEBHOOK_LIST_LIMIT: String(LIST_LIMIT),
      ROLES: 'ingest',
      LOG_LEVEL: 'fatal',
    });
    ledger = new SqliteEventStore({ file: join(service.dataDir, 'events.sqlite') });
  });

  afterAll(async () => {
    await ledger.close();
    await service.close();
  });

  const expectAliveAndClean = async () => {
    expect(pollution()).toEqual([]);
    expect((await getJson(`${service.ingestUrl}/health/live`)).status).toBe(200);
  };

  it('stores every authenticated body as sent or refuses it with a reason, never a 5xx', async () => {
    const statuses = new Set<number>();
    const atTheLimit: [HostileDelivery, Credentials][] = [0, 1].map((over) => [
      hostileDelivery(`limit +${over}`, paddedTo(candidate(), LIMIT + over, '€')),
      inPath,
    ]);
    await fc.assert(
      fc.asyncProperty(
        hostileDeliveries(LIMIT, LIST_LIMIT),
        rightCredentials,
        async (delivery, credentials) => {
          const outcome = await deliver(service.ingestUrl, ledger, delivery, credentials);
          statuses.add(outcome.status);
          expect(pollution()).toEqual([]);
          expectStoredOrRefused(delivery, outcome, LIMIT);
        },
      ),
      runs(300, atTheLimit),
    );
    // Every path was taken: stored, not JSON, too large, not JSON's type, not a webhook.
    expect([...statuses]).toEqual(expect.arrayContaining([202, 400, 413, 415, 422]));
    await expectAliveAndClean();
  }, 120_000);

  it('refuses every body without the right token, and stores none of them', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileDeliveries(LIMIT, LIST_LIMIT),
        wrongCredentials,
        async (delivery, credentials) => {
          const outcome = await deliver(service.ingestUrl, ledger, delivery, credentials);
          expect(pollution()).toEqual([]);
          expectRefusedUnstored(delivery, outcome, LIMIT);
        },
      ),
      runs(100),
    );
    await expectAliveAndClean();
  }, 60_000);

  /** Bodies that once overflowed the stack or broke the content hash: refused with 422 and kept. */
  const UNSTORABLE: [string, HostileDelivery][] = [
    [
      'data nested 10,000 arrays deep',
      hostileDelivery('deep', deepBody(candidate(), nestedJson(10_000, 'array'), 'extra field')),
    ],
    [
      'data.labels nested 10,000 arrays deep',
      hostileDelivery('deep', deepBody(candidate(), nestedJson(10_000, 'array'), 'labels')),
    ],
    [
      'a number beyond a double, 1e999',
      hostileDelivery(
        'huge number',
        '{"event":"team_candidate_state_changed","data":{"id":"inf1","score":1e999}}',
      ),
    ],
    [
      'a lone surrogate escape, "\\ud800"',
      hostileDelivery(
        'lone surrogate',
        '{"event":"team_candidate_state_changed","data":{"id":"ls1","name":"\\ud800"}}',
      ),
    ],
    ['a refused body starting with a byte order mark', hostileDelivery('BOM', '\ufeffnot json')],
  ];

  it.each(UNSTORABLE)('refuses and keeps %s', async (_name, delivery) => {
    const outcome = await deliver(service.ingestUrl, ledger, delivery, inPath);
    expectStoredOrRefused(delivery, outcome, LIMIT);
    expect(outcome.body.kept ?? outcome.body.eventId).toBeDefined();
  });

  it('refuses a Content-Type that is no media type with a 415 before reading the body', async () => {
    const delivery = hostileDelivery('not a media type', JSON.stringify(candidate()), 'foo');
    const outcome = await deliver(service.ingestUrl, ledger, delivery, inPath);
    expect(outcome.status).toBe(415);
    expect(outcome.body.message).toEqual(expect.any(String));
  });
});
