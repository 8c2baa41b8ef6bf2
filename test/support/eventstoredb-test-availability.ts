/**
 * TEST FIXTURE, not a product feature. Whether a node of EventStoreDBTestServer answers the
 * Streams calls (append, read, subscribe, delete) it gets:
 * - `ready`: it does;
 * - `not-ready`: as during an election or a leader change, it refuses them with "Server Is Not
 *   Ready", which @eventstore/db-client 6.2.1 surfaces as an UnknownError (no status code it
 *   maps); calls under way, live subscriptions included, end with it too;
 * - `hung`: like a stalled node, it takes calls and answers nothing, neither new calls nor
 *   events of live subscriptions, until it is ready again; then it goes on where it stopped
 *   with the calls whose client is still waiting.
 * Gossip is answered in every state: the cluster's view of the node is EventStoreDBTestCluster's.
 */
import {
  ServerInterceptingCall,
  status,
  type ServerInterceptingCallInterface,
  type ServerInterceptor,
} from '@grpc/grpc-js';

export type Availability = 'ready' | 'not-ready' | 'hung';

const STREAMS_PATH = '/event_store.client.streams.Streams/';
const NOT_READY = { code: status.UNKNOWN, details: 'Server Is Not Ready' };

export class AvailabilitySwitch {
  private state: Availability = 'ready';
  /** Streams calls begun and not ended: a switch to not-ready ends them. */
  private readonly open = new Set<ServerInterceptingCallInterface>();
  /** What hung calls were about to do, in order, for when the node answers again. */
  private held: (() => void)[] = [];

  readonly interceptor: ServerInterceptor = (method, call) => {
    if (!method.path.startsWith(STREAMS_PATH)) return new ServerInterceptingCall(call);
    const ended = () => this.open.delete(call);
    return new ServerInterceptingCall(call, {
      start: (next) => {
        this.open.add(call);
        next({
          onReceiveMetadata: (metadata, pass) => this.whenAnswering(call, () => pass(metadata)),
          onCancel: ended,
        });
      },
      sendMessage: (message, pass) => this.whenAnswering(call, () => pass(message)),
      sendStatus: (callStatus, pass) =>
        this.whenAnswering(call, () => {
          ended();
          pass(callStatus);
        }),
    });
  };

  set(state: Availability): void {
    this.state = state;
    if (state === 'hung') return;
    const held = this.held;
    this.held = [];
    if (state === 'ready') for (const resume of held) resume();
    else for (const call of [...this.open]) this.refuse(call);
  }

  private whenAnswering(call: ServerInterceptingCallInterface, go: () => void): void {
    if (this.state === 'ready') go();
    else if (this.state === 'hung') this.held.push(() => this.goIfOpen(call, go));
    else this.refuse(call);
  }

  private goIfOpen(call: ServerInterceptingCallInterface, go: () => void): void {
    if (this.open.has(call)) go();
  }

  private refuse(call: ServerInterceptingCallInterface): void {
    if (this.open.delete(call)) call.sendStatus(NOT_READY);
  }
}
