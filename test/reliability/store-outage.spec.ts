import { EventStoreDbEventStore } from '../../src/eventstore/esdb/eventstoredb-event-store.js';
import { EventStoreDBTestServer } from '../support/eventstoredb-test-server.js';
import { eventually } from '../support/eventually.js';
import { startService, type RunningService } from '../support/service.js';
import { DeliveryMaker } from './support/deliveries.js';
import { gappedStreams, notStoredOnce, outOfOrder, unexpected } from './support/ledger-checks.js';
import { accepted, startLoad, summary, type Answer } from './support/load-generator.js';
import { scrapeMetrics } from './support/metrics.js';

/*
 * Time is scaled down 20 times. Qualified retries a failed delivery once, 60 s later: 3 s
 * here, and the store stays down longer than that, so a service that only answered 503
 * would lose deliveries for good. A delivery waits 300 ms for the store before it is
 * spooled (EVENTSTORE_APPEND_TIMEOUT_MS, 2 s by default).
 */
const APPEND_TIMEOUT_MS = '300';
const OUTAGE_MS = 4_000;
const CLIENTS = 20;
/*
 * Bounds the volume to about 100 deliveries a second: the spool forwards one delivery at a
 * time with two synced SQLite writes each, a few dozen a second on a busy disk.
 */
const PAUSE_MS = 200;

describe('an EventStoreDB outage under load', () => {
  let esdb: EventStoreDBTestServer | undefined;
  let service: RunningService | undefined;
  let ledger: EventStoreDbEventStore | undefined;

  afterEach(async () => {
    await ledger?.close();
    await service?.close();
    await esdb?.stop();
  });

  it('answers only 202 or 503, then stores every 202 exactly once and in the order answered', async () => {
    esdb = await EventStoreDBTestServer.start();
    service = await startService({
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: esdb.connectionString,
      EVENTSTORE_APPEND_TIMEOUT_MS: APPEND_TIMEOUT_MS,
      ROLES: 'ingest',
    });
    ledger = new EventStoreDbEventStore({ connectionString: esdb.connectionString });
    const deliveries = new DeliveryMaker();
    const load = startLoad({
      url: service.webhookUrl,
      clients: CLIENTS,
      pauseMs: PAUSE_MS,
      body: (client, seq) => deliveries.body(client, seq),
    });

    await load.answered(100);
    await esdb.stop();
    const outageFrom = load.answers.length;
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await load.answered(outageFrom + 100);
    await esdb.restart();
    // The outage was felt: deliveries were spooled.
    const firstSpooled = load.answers.slice(outageFrom).find(isSpooled);
    expect(firstSpooled).toBeDefined();
    // Once forwarding has begun the store takes appends again, and the clients go on: what
    // they send now must still reach the store after what waits in the spool.
    await eventually(async () => expect(await isStored(ledger!, firstSpooled!)).toBe(true), 30_000);
    await load.answered(load.answers.length + 100);
    const answers = await load.stop();

    expect(answers.filter((answer) => !isAllowed(answer)).map(summary)).toEqual([]);

    await eventually(async () => expect(await spoolDepth(service!.ingestUrl)).toBe(0), 60_000);
    const events = await ledger.readAll();
    const stored = accepted(answers);
    expect(notStoredOnce(stored, events)).toEqual([]);
    expect(
      unexpected(
        stored.map((answer) => answer.delivery),
        events,
      ),
    ).toEqual([]);
    expect(outOfOrder(stored, events)).toEqual([]);
    expect(gappedStreams(events)).toEqual([]);
  }, 120_000);
});

/** 202 (stored or spooled), or 503 with Retry-After: the one answer Qualified retries. */
function isAllowed(answer: Answer): boolean {
  return answer.status === 202 || (answer.status === 503 && Boolean(answer.retryAfter));
}

function isSpooled(answer: Answer): boolean {
  return answer.status === 202 && answer.body?.spooled === true;
}

async function spoolDepth(ingestUrl: string): Promise<number | undefined> {
  return (await scrapeMetrics(ingestUrl)).get('ledger_spool_depth');
}

async function isStored(ledger: EventStoreDbEventStore, answer: Answer): Promise<boolean> {
  const events = await ledger.readStream(String(answer.body?.stream));
  return events.some((event) => event.id === answer.body?.eventId);
}
