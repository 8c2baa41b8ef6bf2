import { Logger } from '@nestjs/common';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EventStore, Subscription } from '../../eventstore/event-store.port.js';
import type { Position } from '../../eventstore/position.js';
import type { ReadStore, SqlExecutor } from '../../readstore/read-store.port.js';
import { BatchApplier, type Stop } from './batch-applier.js';
import { batches } from './batches.js';
import { describeError } from './errors.js';
import { LeaseLostError } from './projector-lease.js';
import type { RunnerOptions } from './runner-options.js';
import type { Target } from './target.js';

/** stopped: ended by an error; closed: ended on request or when done. */
export type ConsumerState = 'catching-up' | 'live' | 'stopped' | 'closed';

export interface RunnerDeps {
  store: EventStore;
  readStore: ReadStore;
  options: RunnerOptions;
  /** Called first in every transaction the runner commits; throws when it lost the lease. */
  fence(tx: SqlExecutor): Promise<void>;
}

export interface ConsumerPlan {
  target: Target;
  /** Events after this position (exclusive) are applied; undefined: the whole log. */
  from: Position | undefined;
  /** Called after each committed batch; returning true ends the consumer. */
  afterBatch(position: Position | undefined, caughtUp: boolean): Promise<boolean>;
  /** Told whenever `state` changes. */
  changed(): void;
}

/**
 * Keeps one target up to date: one catch-up subscription to the whole log from the
 * target's position, its events applied in log order, batch by batch.
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
      this.logger.error(`${this.plan.target.projection.name}: ${describeError(error)}`);
      this.end('stopped', describeError(error));
    } finally {
      await this.subscription?.close();
    }
  }

  /** Applies the subscription's batches until asked to end; a Stop says why it must stop. */
  private async consume(subscription: Subscription): Promise<Stop | undefined> {
    const applier = new BatchApplier({
      readStore: this.deps.readStore,
      target: this.plan.target,
      options: this.deps.options,
      fence: this.deps.fence,
      signal: this.abort.signal,
      committed: (last) => (this.position = last.position),
    });
    for await (const batch of batches(subscription, this.deps.options)) {
      if (this.abort.signal.aborted) return undefined;
      const stop = await applier.commit(batch.events);
      if (stop) return stop;
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
