/**
 * TEST FIXTURE, not a product feature. A three-node EventStoreDB cluster made of
 * EventStoreDBTestServer nodes on loopback that share one log (replication is instant), for
 * failover tests: clients find the leader through Gossip (`esdb://a,b,c`), an election makes
 * every node answer "Server Is Not Ready" while no leader is known, and nodes crash and come back.
 * A follower serves reads, subscriptions and appends (a real follower forwards appends to the
 * leader).
 */
import { EventLog } from './eventstoredb-test-log.js';
import type { GossipMember, MemberState } from './eventstoredb-test-gossip.js';
import { EventStoreDBTestServer } from './eventstoredb-test-server.js';

export class EventStoreDBTestCluster {
  private readonly servers: EventStoreDBTestServer[] = [];
  private readonly states: MemberState[] = [];

  private constructor() {}

  /** Node 0 leads, the others follow; `batchAppend: false` has them offer only Streams.Append. */
  static async start(
    size = 3,
    options: { batchAppend?: boolean } = {},
  ): Promise<EventStoreDBTestCluster> {
    const log = new EventLog({ systemEvents: true });
    const cluster = new EventStoreDBTestCluster();
    for (let i = 0; i < size; i += 1) {
      const gossip = () => cluster.members();
      cluster.servers.push(await EventStoreDBTestServer.start({ ...options, log, gossip }));
      cluster.states.push(i === 0 ? 'leader' : 'follower');
    }
    return cluster;
  }

  get nodes(): readonly EventStoreDBTestServer[] {
    return this.servers;
  }

  /** Every node as a gossip seed, as a client configured for the cluster has them. */
  get connectionString(): string {
    const hosts = this.nodes.map((node) => `127.0.0.1:${node.port}`);
    return `esdb://${hosts.join(',')}?tls=false`;
  }

  members(): GossipMember[] {
    return this.nodes.map((node, index) => ({ port: node.port, state: this.states[index] }));
  }

  /** No leader from now on: every node up is electing and answers "Server Is Not Ready". */
  startElection(): void {
    this.forEachUp((node, index) => {
      this.states[index] = 'electing';
      node.availability.set('not-ready');
    });
  }

  /** The election is over: `leader` leads, the other nodes up follow, and all answer again. */
  elect(leader: number): void {
    this.forEachUp((node, index) => {
      this.states[index] = index === leader ? 'leader' : 'follower';
      node.availability.set('ready');
    });
  }

  /** The node stops answering and drops its connections; the others see it down. */
  async crash(index: number): Promise<void> {
    this.states[index] = 'down';
    await this.nodes[index].stop();
  }

  /** The node comes back, with the same data, and joins as a follower. */
  async rejoin(index: number): Promise<void> {
    this.nodes[index].availability.set('ready');
    await this.nodes[index].restart();
    this.states[index] = 'follower';
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.stop()));
  }

  private forEachUp(act: (node: EventStoreDBTestServer, index: number) => void): void {
    this.nodes.forEach((node, index) => {
      if (this.states[index] !== 'down') act(node, index);
    });
  }
}
