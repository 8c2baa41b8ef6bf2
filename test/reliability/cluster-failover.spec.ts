import { EventStoreDbEventStore } from '../../src/eventstore/esdb/eventstoredb-event-store.js';
import type { Subscription } from '../../src/eventstore/event-store.port.js';
import { EventStoreDBTestCluster } from '../support/eventstoredb-test-cluster.js';
import { eventually } from '../support/eventually.js';
import { startService, type RunningService } from '../support/service.js';
import { DeliveryMaker } from './support/deliveries.js';
import { isStored, notExactlyTheAccepted } from './support/ledger-checks.js';
import { isSpooled, startLoad, summary } from './support/load-generator.js';
import { spoolDepth } from './support/metrics.js';

/*
 * A three-node cluster loses its leader under sustained webhook traffic: the leader stalls,
 * an election starts (every node answers "Server Is Not Ready" and no leader can be found),
 * the old leader crashes, node 1 is elected, and the old leader rejoins as a follower.
 */
const APPEND_TIMEOUT_MS = '500';
const PHASE_MS = 1_500;
const CLIENTS = 10;
const PAUSE_MS = 50;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The ids of the events a subscription hands on, in order, as they come. */
function follow(subscription: Subscription): string[] {
  const ids: string[] = [];
  void (async () => {
    for await (const message of subscription)
      if (message.kind === 'event') ids.push(message.event.id);
  })();
  return ids;
}

describe('an EventStoreDB leader change under load', () => {
  let cluster: EventStoreDBTestCluster | undefined;
  let service: RunningService | undefined;
  let ledger: EventStoreDbEventStore | undefined;

  afterEach(async () => {
    await ledger?.close();
    await service?.close();
    await cluster?.stop();
  });

  it('answers every webhook 202, spools what the cluster cannot take, stores each once and in order, and a live subscription sees each once', async () => {
    cluster = await EventStoreDBTestCluster.start();
    service = await startService({
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: cluster.connectionString,
      EVENTSTORE_APPEND_TIMEOUT_MS: APPEND_TIMEOUT_MS,
      ROLES: 'ingest',
    });
    ledger = new EventStoreDbEventStore({
      connectionString: cluster.connectionString,
      resubscribe: { initialDelayMs: 50, maxDelayMs: 500 },
    });
    const seen = follow(ledger.subscribeToAll());
    const deliveries = new DeliveryMaker();
    const load = startLoad({
      url: service.webhookUrl,
      clients: CLIENTS,
      pauseMs: PAUSE_MS,
      body: (client, seq) => deliveries.body(client, seq),
    });

    await load.answered(100);
    cluster.nodes[0].availability.set('hung');
    await pause(PHASE_MS);
    cluster.startElection();
    await pause(PHASE_MS);
    await cluster.crash(0);
    await pause(PHASE_MS);
    cluster.elect(1);
    // Forwarding works again once the first spooled delivery reaches the new leader.
    const firstSpooled = load.answers.find(isSpooled);
    expect(firstSpooled).toBeDefined();
    await eventually(async () => expect(await isStored(ledger!, firstSpooled!)).toBe(true), 60_000);
    await cluster.rejoin(0);
    await load.answered(load.answers.length + 100, 60_000);
    const answers = await load.stop();

    expect(answers.filter((answer) => answer.status !== 202).map(summary)).toEqual([]);
    await eventually(async () => expect(await spoolDepth(service!.ingestUrl)).toBe(0), 60_000);
    const events = await ledger.readAll();
    expect(notExactlyTheAccepted(answers, events)).toEqual([]);
    await eventually(() => expect(seen).toHaveLength(events.length), 30_000);
    expect(seen).toEqual(events.map((event) => event.id));
  }, 240_000);
});
