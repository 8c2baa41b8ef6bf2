/**
 * TEST FIXTURE, not a product feature. The Gossip service of EventStoreDBTestServer: what a
 * client asks first when its connection string names several hosts (`esdb://a,b,c`) or uses
 * `esdb+discover://`, to find the leader. The client then connects to the member whose state is
 * Leader and that is alive; members in any other state are skipped, and with no leader at all
 * discovery fails ("Failed to discover after N attempts").
 */
import type { handleUnaryCall, Server } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as GossipGrpcPb from '@eventstore/db-client/generated/gossip_grpc_pb.js';
import type * as GossipPb from '@eventstore/db-client/generated/gossip_pb.js';
import type * as SharedPb from '@eventstore/db-client/generated/shared_pb.js';

// The client's serializers check `instanceof` against its own CommonJS modules: load the same ones.
const requireCjs = createRequire(import.meta.url);
const { GossipService } = requireCjs(
  '@eventstore/db-client/generated/gossip_grpc_pb.js',
) as typeof GossipGrpcPb;
const gossip = requireCjs('@eventstore/db-client/generated/gossip_pb.js') as typeof GossipPb;
const shared = requireCjs('@eventstore/db-client/generated/shared_pb.js') as typeof SharedPb;

/**
 * A member as the others see it: `electing` while an election runs (a node in it is alive but
 * neither leader nor follower), `down` when it does not answer gossip.
 */
export type MemberState = 'leader' | 'follower' | 'electing' | 'down';

export interface GossipMember {
  port: number;
  state: MemberState;
}

const VNodeState = gossip.MemberInfo.VNodeState;
const STATES = {
  leader: VNodeState.LEADER,
  follower: VNodeState.FOLLOWER,
  electing: VNodeState.PRELEADER,
  down: VNodeState.SHUTDOWN,
} as const;

// One instance id per node (port), whichever node tells of it.
const instanceIds = new Map<number, string>();

function instanceId(port: number): SharedPb.UUID {
  if (!instanceIds.has(port)) instanceIds.set(port, randomUUID());
  return new shared.UUID().setString(instanceIds.get(port)!);
}

/** Registers Gossip.Read on the server; `members` is asked at every read. */
export function addGossipService(server: Server, members: () => readonly GossipMember[]): void {
  const read: handleUnaryCall<SharedPb.Empty, GossipPb.ClusterInfo> = (_call, callback) => {
    const info = new gossip.ClusterInfo().setMembersList(
      members().map(({ port, state }) =>
        new gossip.MemberInfo()
          .setInstanceId(instanceId(port))
          .setTimeStamp(String(Date.now()))
          .setState(STATES[state])
          .setIsAlive(state !== 'down')
          .setHttpEndPoint(new gossip.EndPoint().setAddress('127.0.0.1').setPort(port)),
      ),
    );
    callback(null, info);
  };
  server.addService(GossipService, { read });
}
