import { EventStoreDbEventStore } from '../../src/eventstore/esdb/eventstoredb-event-store.js';
import { EventStoreDBTestServer } from '../support/eventstoredb-test-server.js';
import { eventually } from '../support/eventually.js';
import { startService, type RunningService } from '../support/service.js';
import { DeliveryMaker } from './support/deliveries.js';
import { isStored, notExactlyTheAccepted } from './support/ledger-checks.js';
import { isSpooled, startLoad, summary, type Answer } from './support/load-generator.js';
import { spoolDepth } from './support/metrics.js';

/*
 * Time is scaled down 20 times. Qualified retries a failed delivery once, 60 s later: 3 s
 * here, and the store stays down longer than that, so a service that only answered 503
 * would lose deliveries for good. A delivery waits 300 ms for the store before it is
 * spooled (EVENTSTORE_APPEND_TIMEOUT_MS, 2 s by default).
 */
const APPEND_TIMEOUT_MS = '300';
const OUTAGE_MS = 4_000;
/** The outage lasts until this many deliveries wait in the spool. */
const SPOOLED = 10_000;
const CLIENTS = 20;
const SLOW_MS = 600_000;

describe('an EventStoreDB outage under load', () => {
  let esdb: EventStoreDBTestServer | undefined;
  let service: RunningService | undefined;
  let ledger: EventStoreDbEventStore | undefined;

  afterEach(async () => {
    await ledger?.close();
    await service?.close();
    await esdb?.stop();
  });

  it(
    `answers only 202 or 503, spools ${SPOOLED.toLocaleString('en-US')} deliveries, then stores every 202 exactly once and in the order answered`,
    async () => {
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
        body: (client, seq) => deliveries.body(client, seq),
      });

      await load.answered(100);
      await esdb.stop();
      const outageFrom = load.answers.length;
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      await eventually(() => {
        const spooled = load.answers.slice(outageFrom).filter(isSpooled).length;
        if (spooled < SPOOLED) throw new Error(`${spooled} of ${SPOOLED} deliveries spooled`);
      }, SLOW_MS);
      await esdb.restart();
      const firstSpooled = load.answers.slice(outageFrom).find(isSpooled)!;
      // Once forwarding has begun the store takes appends again, and the clients go on: what
      // they send now must still reach the store after what waits in the spool.
      await eventually(
        async () => expect(await isStored(ledger!, firstSpooled)).toBe(true),
        30_000,
      );
      await load.answered(load.answers.length + 100);
      const answers = await load.stop();

      expect(answers.filter((answer) => !isAllowed(answer)).map(summary)).toEqual([]);

      await eventually(async () => expect(await spoolDepth(service!.ingestUrl)).toBe(0), 120_000);
      expect(notExactlyTheAccepted(answers, await ledger.readAll())).toEqual([]);
    },
    2 * SLOW_MS,
  );
});

/** 202 (stored or spooled), or 503 with Retry-After: the one answer Qualified retries. */
function isAllowed(answer: Answer): boolean {
  return answer.status === 202 || (answer.status === 503 && Boolean(answer.retryAfter));
}
