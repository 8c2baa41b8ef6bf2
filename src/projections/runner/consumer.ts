import { Logger } from '@nestjs/common';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EventStore, RecordedEvent, Subscription } from '../../eventstore/event-store.port.js';
import type { Position } from '../../eventstore/position.js';
import type { ReadStore, SqlExecutor } from '../../readstore/read-store.port.js';
import type { Stop } from './batch-applier.js';
import { batches } from './batches.js';
import { describeError } from './errors.js';
import { LeaseLostError } from './projector-lease.js';
import type { RunnerOptions } from './runner-options.js';

/** stopped: ended by an error; closed: ended on request or when done. */
export type ConsumerState = 'catching-up' | 'live' | 'stopped' | 'closed';

export interface RunnerDeps {
  store: EventStore;
  readStore: ReadStore;
  options: RunnerOptions;
  /** Called first in every transaction the runner commits; throws when it lost the lease. */
  fence(tx: SqlExecutor): Promise<void>;
}

/** Commits a consumer's batches; a Stop ends the consumer. */
export interface Applier {
  commit(events: readonly RecordedEvent[]): Promise<Stop | undefined>;
}

export interface ConsumerPlan {
  /** What the consumer keeps up to date, for its log lines. */
  name: string;
  /** Events after this position (exclusive) are read; undefined: the whole log. */
  from: Position | undefined;
  /** Makes the applier of this consumer's batches; `signal` aborts its waits on stop. */
  applier(signal: AbortSignal): Applier;
  /** Called after each committed batch; returning true ends the consumer. */
  afterBatch(position: Position | undefined, caughtUp: boolean): Promise<boolean>;
  /** Told whenever `state` changes. */
  changed(): void;
}

/**
 * One catch-up subscription to the whole log from a position, its events applied in log
 * order, batch by batch, by the plan's applier.
 */
export class Consumer {
  state: ConsumerState = 'catching-up';
  error: string | undefined;
  position: Position | undefined;
  private readonly abort = new AbortController();
  private subscription: Subscription | undefined;
  private running: Promise<void> | undefined;
  private readonly logger = new Logger('Projections');

  constructor(
    private readonly deps: RunnerDeps,
    private readonly plan: ConsumerPlan,
  ) {
    this.position = plan.from;
  }

  get active(): boolean {
    return this.state === 'catching-up' || this.state === 'live';
  }

  /** Starts the subscription; resolves when the consumer has ended. */
  run(): Promise<void> {
    this.running ??= this.loop();
    return this.running;
  }

  /** Lets a batch being committed finish, abandons the rest and closes the subscription. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.subscription?.close();
    await this.running;
  }

  private async loop(): Promise<void> {
    try {
      this.subscription = this.deps.store.subscribeToAll({ from: this.plan.from });
      const stop = await this.consume(this.subscription);
      this.end(stop ? 'stopped' : 'closed', stop?.error);
    } catch (error) {
      // The runner that lost the lease stands down; this consumer just ends.
      if (this.abort.signal.aborted || error instanceof LeaseLostError) return this.end('closed');
      this.logger.error(`${this.plan.name}: ${describeError(error)}`);
      this.end('stopped', describeError(error));
    } finally {
      await this.subscription?.close();
    }
  }

  /** Applies the subscription's batches until asked to end; a Stop says why it must stop. */
  private async consume(subscription: Subscription): Promise<Stop | undefined> {
    const applier = this.plan.applier(this.abort.signal);
    for await (const batch of batches(subscription, this.deps.options)) {
      if (this.abort.signal.aborted) return undefined;
      const stop = await applier.commit(batch.events);
      if (stop) return stop;
      if (batch.events.length > 0) this.position = batch.events[batch.events.length - 1].position;
      if (batch.caughtUp && this.state === 'catching-up') this.setState('live');
      if (await this.plan.afterBatch(this.position, batch.caughtUp)) return undefined;
      // Catching up runs on promises alone; a turn of the event loop between batches lets
      // timers (lease renewal, rebuild polling) and requests in.
      await nextTurn();
    }
    return this.abort.signal.aborted ? undefined : { error: 'The subscription to the log ended' };
  }

  private end(state: 'stopped' | 'closed', error?: string): void {
    this.error = error;
    this.setState(state);
  }

  private setState(state: ConsumerState): void {
    this.state = state;
    this.plan.changed();
  }
}
