/**
 * TEST FIXTURE, not a product feature. An in-memory stand-in for EventStoreDB that speaks its gRPC
 * Streams protocol (Append, Read, subscriptions, Delete, Tombstone) on 127.0.0.1, so that tests can
 * drive the real `@eventstore/db-client` where no EventStoreDB can run. Like servers since 21.10 it
 * advertises BatchAppend through ServerFeatures, and the client then appends over BatchAppend;
 * `batchAppend: false` leaves it out, and the client falls back to Streams.Append. Everything else
 * (persistent subscriptions, ...) answers UNIMPLEMENTED. Filtered $all subscriptions get a
 * checkpoint after every `maxSearchWindow (default 32) * checkpointInterval` scanned events, at the
 * last scanned position. Gossip lists the node as the leader (or the cluster as
 * EventStoreDBTestCluster sets it), and `availability` makes the node not ready or hung
 * (eventstoredb-test-availability.ts).
 */
import {
  Server,
  ServerCredentials,
  type ServerInterceptor,
  type handleClientStreamingCall,
  type handleServerStreamingCall,
  type handleUnaryCall,
  type sendUnaryData,
  type ServerWritableStream,
} from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { AppendGate, type AppendPath } from './eventstoredb-test-append-gate.js';
import { batchAppendHandler } from './eventstoredb-test-batch-append.js';
import { AvailabilitySwitch } from './eventstoredb-test-availability.js';
import { addGossipService, type GossipMember } from './eventstoredb-test-gossip.js';
import {
  EventLog,
  StreamTombstoned,
  WrongExpectedRevision,
  type LoggedEvent,
  type ProposedEvent,
} from './eventstoredb-test-log.js';
import {
  allReadFrom,
  appendSuccessResp,
  caughtUpResp,
  checkpointResp,
  confirmationResp,
  deleteResp,
  directionOf,
  errorStatus,
  eventResp,
  expectedRevisionOf,
  filterOf,
  proposedEventOf,
  streamNameOf,
  streamNotFoundResp,
  StreamsService,
  streamReadFrom,
  tombstoneResp,
  wrongExpectedVersionResp,
  type AppendOptions,
  type AppendReq,
  type AppendResp,
  type DeleteReq,
  type DeleteResp,
  type EventSelection,
  type ReadOptions,
  type ReadReq,
  type ReadResp,
  type StreamReadOptions,
  type TombstoneReq,
  type TombstoneResp,
} from './eventstoredb-test-protocol.js';
import {
  getSupportedMethodsHandler,
  ServerFeaturesService,
  type ServerFeaturesOptions,
} from './eventstoredb-test-server-features.js';

export interface EventStoreDBTestServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Seed the log with system events (`$`-prefixed types), as a fresh real server has. */
  systemEvents?: boolean;
  /** Offer BatchAppend (the default), as servers since 21.10 do. */
  batchAppend?: boolean;
  /** The version ServerFeatures reports; 24.10.4 unless given. */
  version?: string;
  /** Another node's log, shared as the nodes of a cluster replicate one (systemEvents is moot). */
  log?: EventLog;
  /** The members Gossip lists; by default this node alone, as the leader. */
  gossip?: () => readonly GossipMember[];
}

/** What the server keeps across a restart. */
interface ServerState {
  log: EventLog;
  appends: AppendGate;
  features: ServerFeaturesOptions;
}

export class EventStoreDBTestServer {
  /** Whether this node answers client calls; it stays as set across stop() and restart(). */
  readonly availability = new AvailabilitySwitch();
  private running: Running | undefined;
  private boundPort = 0;

  private constructor(
    private readonly state: ServerState,
    private readonly gossip: () => readonly GossipMember[] = () => [
      { port: this.port, state: 'leader' },
    ],
  ) {}

  static async start(options: EventStoreDBTestServerOptions = {}): Promise<EventStoreDBTestServer> {
    const state = {
      log: options.log ?? new EventLog({ systemEvents: options.systemEvents ?? true }),
      appends: new AppendGate(),
      features: { version: options.version ?? '24.10.4', batchAppend: options.batchAppend ?? true },
    };
    const server = new EventStoreDBTestServer(state, options.gossip);
    await server.listen(options.port ?? 0);
    return server;
  }

  get port(): number {
    return this.boundPort;
  }

  /** Appends received so far on each path: which one the client uses. */
  get appendsReceived(): Readonly<Record<AppendPath, number>> {
    return { ...this.state.appends.received };
  }

  /** From now on, appends on either path are taken but neither carried out nor answered. */
  holdAppends(): void {
    this.state.appends.hold();
  }

  /** Carries out the held appends in arrival order and answers them, like a server recovering. */
  releaseAppends(): void {
    this.state.appends.release();
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** Stops listening and drops every connection, like a crashed server. The data is kept. */
  async stop(): Promise<void> {
    await this.running?.crash();
    this.running = undefined;
  }

  /** Listens again on the same port, with the same data. */
  async restart(): Promise<void> {
    await this.stop();
    await this.listen(this.port);
  }

  private async listen(port: number): Promise<void> {
    const grpcServer = createGrpcServer(this.state, [this.availability.interceptor]);
    addGossipService(grpcServer, this.gossip);
    this.running = await serve(grpcServer, port);
    this.boundPort = this.running.port;
  }
}

interface Running {
  port: number;
  crash(): Promise<void>;
}

/**
 * We own the TCP listener and hand its sockets to gRPC, so that stop() can destroy them: clients
 * then see a dropped connection (UNAVAILABLE), where a gRPC shutdown would cancel their calls.
 */
async function serve(grpcServer: Server, port: number): Promise<Running> {
  const injector = grpcServer.createConnectionInjector(ServerCredentials.createInsecure());
  const sockets = new Set<Socket>();
  const listener = createTcpServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    injector.injectConnection(socket);
  });
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject).listen(port, '127.0.0.1', resolve);
  });
  const crash = () =>
    new Promise<void>((resolve) => {
      listener.close(() => resolve());
      for (const socket of sockets) socket.destroy();
      grpcServer.forceShutdown();
    });
  return { port: (listener.address() as AddressInfo).port, crash };
}

function createGrpcServer(
  { log, appends, features }: ServerState,
  interceptors: ServerInterceptor[],
): Server {
  // Kestrel's default, which EventStoreDB keeps: one connection serves 100 calls at a time.
  const server = new Server({ 'grpc.max_concurrent_streams': 100, interceptors });
  server.addService(StreamsService, {
    append: appendHandler(log, appends),
    read: readHandler(log),
    delete: deleteHandler(log),
    tombstone: tombstoneHandler(log),
    ...(features.batchAppend ? { batchAppend: batchAppendHandler(log, appends) } : {}),
  });
  server.addService(ServerFeaturesService, {
    getSupportedMethods: getSupportedMethodsHandler(features),
  });
  return server;
}

function appendHandler(
  log: EventLog,
  appends: AppendGate,
): handleClientStreamingCall<AppendReq, AppendResp> {
  return (call, callback) => {
    let options: AppendOptions | undefined;
    const proposed: ProposedEvent[] = [];
    call.on('data', (request: AppendReq) => {
      const message = request.getProposedMessage();
      if (message) proposed.push(proposedEventOf(message));
      else options = request.getOptions();
    });
    call.on('end', () =>
      appends.submit('append', () =>
        answer(callback, () => appendResult(log, required(options), proposed)),
      ),
    );
  };
}

function appendResult(
  log: EventLog,
  options: AppendOptions,
  proposed: readonly ProposedEvent[],
): AppendResp {
  try {
    const expected = expectedRevisionOf(options);
    const { revision, position } = log.append(streamNameOf(options), expected, proposed);
    return appendSuccessResp(revision, position);
  } catch (error) {
    if (error instanceof WrongExpectedRevision) return wrongExpectedVersionResp(error);
    throw error;
  }
}

function deleteHandler(log: EventLog): handleUnaryCall<DeleteReq, DeleteResp> {
  return (call, callback) =>
    answer(callback, () => {
      const options = required(call.request.getOptions());
      return deleteResp(log.delete(streamNameOf(options), expectedRevisionOf(options)));
    });
}

function tombstoneHandler(log: EventLog): handleUnaryCall<TombstoneReq, TombstoneResp> {
  return (call, callback) =>
    answer(callback, () => {
      const options = required(call.request.getOptions());
      return tombstoneResp(log.tombstone(streamNameOf(options), expectedRevisionOf(options)));
    });
}

function answer<T>(callback: sendUnaryData<T>, produce: () => T): void {
  try {
    callback(null, produce());
  } catch (error) {
    callback(errorStatus(error));
  }
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('Malformed request: options are missing');
  return value;
}

function readHandler(log: EventLog): handleServerStreamingCall<ReadReq, ReadResp> {
  return (call) => {
    try {
      const options = required(call.request.getOptions());
      if (options.hasSubscription()) subscribe(log, call, options);
      else read(log, call, options);
    } catch (error) {
      call.emit('error', errorStatus(error));
    }
  };
}

function read(log: EventLog, call: ServerWritableStream<ReadReq, ReadResp>, options: ReadOptions) {
  const count = BigInt(options.getCount());
  const direction = directionOf(options);
  const stream = options.getStream();
  if (!stream) {
    const events = log.readAll(allReadFrom(required(options.getAll())), direction, count);
    return writeAndEnd(call, events.map(eventResp));
  }
  const streamName = streamNameOf(stream);
  const events = log.readStream(streamName, streamReadFrom(stream), direction, count);
  writeAndEnd(call, events ? events.map(eventResp) : [streamNotFoundResp(streamName)]);
}

function writeAndEnd(call: ServerWritableStream<ReadReq, ReadResp>, responses: ReadResp[]): void {
  for (const response of responses) call.write(response);
  call.end();
}

function subscribe(
  log: EventLog,
  call: ServerWritableStream<ReadReq, ReadResp>,
  options: ReadOptions,
): void {
  const stream = options.getStream();
  const plan = stream ? streamSubscription(log, stream) : allSubscription(log, options);
  call.write(confirmationResp(randomUUID()));
  new CatchUpSubscription(log, call, plan).start();
}

interface SubscriptionPlan extends EventSelection {
  /** Index in the global log of the first event to consider. */
  startIndex: number;
  /** An error that ends the subscription, checked before each batch. */
  failure?: () => Error | undefined;
}

function streamSubscription(log: EventLog, options: StreamReadOptions): SubscriptionPlan {
  const streamName = streamNameOf(options);
  const from = streamReadFrom(options);
  const after = typeof from === 'bigint' ? from : -1n;
  return {
    startIndex: from === 'end' ? log.length : 0,
    accept: (event) => event.streamName === streamName && event.revision > after,
    failure: () => (log.isTombstoned(streamName) ? new StreamTombstoned(streamName) : undefined),
  };
}

function allSubscription(log: EventLog, options: ReadOptions): SubscriptionPlan {
  const from = allReadFrom(required(options.getAll()));
  const startIndex = from === 'start' ? 0 : from === 'end' ? log.length : log.indexAfter(from);
  return { startIndex, ...filterOf(options) };
}

/**
 * Walks the global log from the plan's start: history, then `caught_up`, then each event as it is
 * appended. One cursor serves both phases, so appends during catch-up cause no gap or duplicate.
 */
class CatchUpSubscription {
  private index: number;
  private scanned = 0;
  private caughtUp = false;
  private waitingForDrain = false;

  constructor(
    private readonly log: EventLog,
    private readonly call: ServerWritableStream<ReadReq, ReadResp>,
    private readonly plan: SubscriptionPlan,
  ) {
    this.index = plan.startIndex;
  }

  start(): void {
    const stopListening = this.log.onAppend(() => this.pump());
    this.call.on('cancelled', stopListening);
    this.call.on('finish', stopListening);
    this.pump();
  }

  private pump(): void {
    if (this.waitingForDrain || this.call.cancelled || this.call.writableEnded) return;
    const failure = this.plan.failure?.();
    if (failure) {
      this.call.emit('error', errorStatus(failure));
      return;
    }
    let event: LoggedEvent | undefined;
    while ((event = this.log.at(this.index)) !== undefined) {
      this.index += 1;
      if (!this.send(event)) return this.resumeOnDrain();
    }
    if (!this.caughtUp) {
      this.caughtUp = true;
      this.call.write(caughtUpResp());
    }
  }

  /** False when the call's buffer is full. */
  private send(event: LoggedEvent): boolean {
    let writable = true;
    if (this.plan.accept(event)) writable = this.call.write(eventResp(event));
    const every = this.plan.checkpointEvery;
    if (every !== undefined && ++this.scanned % every === 0) {
      writable = this.call.write(checkpointResp(event.position)) && writable;
    }
    return writable;
  }

  private resumeOnDrain(): void {
    this.waitingForDrain = true;
    this.call.once('drain', () => {
      this.waitingForDrain = false;
      this.pump();
    });
  }
}
