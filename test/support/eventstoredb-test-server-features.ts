// ServerFeatures for EventStoreDBTestServer (a test fixture, not product code).
import type { handleUnaryCall } from '@grpc/grpc-js';
import { createRequire } from 'node:module';
import type * as ServerFeaturesGrpcPb from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import type * as ServerFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import type * as SharedPb from '@eventstore/db-client/generated/shared_pb.js';

const requireCjs = createRequire(import.meta.url);
export const { ServerFeaturesService } = requireCjs(
  '@eventstore/db-client/generated/serverfeatures_grpc_pb.js',
) as typeof ServerFeaturesGrpcPb;
const features = requireCjs(
  '@eventstore/db-client/generated/serverfeatures_pb.js',
) as typeof ServerFeaturesPb;

export interface ServerFeaturesOptions {
  version: string;
  batchAppend: boolean;
}

const STREAMS = 'event_store.client.streams.streams';

/**
 * The methods this server serves, named and with the features a real server lists for them
 * (it lowercases the names); the client appends over BatchAppend only when it is listed.
 */
export function getSupportedMethodsHandler({
  version,
  batchAppend,
}: ServerFeaturesOptions): handleUnaryCall<SharedPb.Empty, ServerFeaturesPb.SupportedMethods> {
  const methods = [
    method('read', ['position', 'events']),
    method('append'),
    method('delete'),
    method('tombstone'),
    ...(batchAppend ? [method('batchappend', ['deadline_duration'])] : []),
  ];
  const supported = new features.SupportedMethods()
    .setEventStoreServerVersion(version)
    .setMethodsList(methods);
  return (_call, callback) => callback(null, supported);
}

function method(name: string, featureList: string[] = []): ServerFeaturesPb.SupportedMethod {
  return new features.SupportedMethod()
    .setServiceName(STREAMS)
    .setMethodName(name)
    .setFeaturesList(featureList);
}
