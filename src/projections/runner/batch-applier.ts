import { Logger } from '@nestjs/common';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { RecordedEvent } from '../../eventstore/event-store.port.js';
import type { ReadStore, SqlExecutor } from '../../readstore/read-store.port.js';
import {
  BatchFailure,
  isApplyFailure,
  type ApplyFailure,
  type BatchFacts,
  type BatchWriter,
} from '../projection.js';
import { parkEvent } from './dead-letter.store.js';
import { describeError } from './errors.js';
import { firstDeliveries } from './first-deliveries.js';
import type { RunnerOptions } from './runner-options.js';
import type { Target } from './target.js';

export interface ApplierDeps {
  readStore: ReadStore;
  target: Target;
  options: Pick<RunnerOptions, 'onError' | 'retries' | 'retryDelayMs'>;
  /** Called first in each transaction; throws when the runner has lost the lease. */
  fence(tx: SqlExecutor): Promise<void>;
  /** Aborts a wait between retries; the events not yet committed are then abandoned. */
  signal: AbortSignal;
  /** Told after each commit, with the last event committed. */
  committed(last: RecordedEvent): void;
}

/** Why a projection stopped: a handler still threw after its retries, with onError 'stop'. */
export interface Stop {
  error: string;
}

const MAX_BACKOFF_DOUBLINGS = 5;

/**
 * Applies events to a target in transactions that also record the position reached. When a
 * handler throws, the whole transaction rolls back (so the failed event leaves no partial
 * writes), the events before it are committed again without it, and it is retried alone
 * with backoff, outside any transaction; then it is parked, or the projection stops.
 */
export class BatchApplier {
  private readonly writer: BatchWriter;
  private readonly logger = new Logger('Projections');

  constructor(private readonly deps: ApplierDeps) {
    this.writer = deps.target.projection.writer(deps.target.tables);
  }

  /** Commits the events in log order; returns a Stop when the projection must stop. */
  async commit(events: readonly RecordedEvent[]): Promise<Stop | undefined> {
    if (events.length === 0) return undefined;
    const failure = await this.tryCommit(events);
    return failure && this.recover(events, failure);
  }

  /**
   * After `failure` rolled back a transaction holding `events`: commits the events before
   * the failed one, retries that one alone, then commits the rest. When no one event can
   * be named, commits each half of the events apart until the failing one is alone.
   */
  async recover(
    events: readonly RecordedEvent[],
    failure: ApplyFailure,
  ): Promise<Stop | undefined> {
    if (failure instanceof BatchFailure) {
      if (events.length === 1) return this.retryAlone(events[0], failure.error);
      const half = Math.ceil(events.length / 2);
      return (await this.commit(events.slice(0, half))) ?? this.commit(events.slice(half));
    }
    return (
      (await this.commit(events.slice(0, failure.index))) ??
      (await this.retryAlone(events[failure.index], failure.error)) ??
      this.commit(events.slice(failure.index + 1))
    );
  }

  /**
   * Applies the events inside the caller's transaction and records how far they got; throws
   * an ApplyFailure (which should roll the transaction back) when the events cannot be applied.
   */
  async applyIn(
    tx: SqlExecutor,
    events: readonly RecordedEvent[],
    facts: BatchFacts,
  ): Promise<void> {
    await this.writer.apply(tx, events, facts);
    // The statements resolve at once; without a turn of the event loop, a large batch
    // would hold up the requests of the roles sharing this process.
    await nextTurn();
    await this.deps.target.advance(tx, events[events.length - 1], events.length);
  }

  /** Tells the owner that a transaction holding `applyIn(…, events)` has committed. */
  committed(events: readonly RecordedEvent[]): void {
    this.writer.committed();
    this.deps.committed(events[events.length - 1]);
  }

  private async tryCommit(events: readonly RecordedEvent[]): Promise<ApplyFailure | undefined> {
    try {
      await this.deps.readStore.transaction(async (tx) => {
        await this.deps.fence(tx);
        await this.applyIn(tx, events, await firstDeliveries(tx, events));
      });
    } catch (error) {
      if (isApplyFailure(error)) return error;
      throw error;
    }
    this.committed(events);
    return undefined;
  }

  private async retryAlone(event: RecordedEvent, firstError: unknown): Promise<Stop | undefined> {
    const { retries, retryDelayMs, onError } = this.deps.options;
    let error = firstError;
    let attempts = 1;
    for (; attempts <= retries; attempts += 1) {
      const doublings = Math.min(attempts - 1, MAX_BACKOFF_DOUBLINGS);
      await sleep(retryDelayMs * 2 ** doublings, undefined, { signal: this.deps.signal });
      const failure = await this.tryCommit([event]);
      if (!failure) return undefined;
      error = failure.error;
    }
    const described = describeError(error);
    const where = `${this.deps.target.projection.name} at ${event.position} (${event.type} ${event.id})`;
    if (onError === 'stop') {
      this.logger.error(`Stopping ${where} after ${attempts} attempts: ${described}`);
      return { error: described };
    }
    await this.park(event, described, attempts);
    this.logger.warn(`Parked ${where} after ${attempts} attempts: ${described}`);
    return undefined;
  }

  private async park(event: RecordedEvent, error: string, attempts: number): Promise<void> {
    const { readStore, target } = this.deps;
    await readStore.transaction(async (tx) => {
      await this.deps.fence(tx);
      await parkEvent(tx, {
        projection: target.projection.name,
        rebuild: target.rebuild,
        event,
        error,
        attempts,
        now: new Date(),
      });
      await target.advance(tx, event, 1);
    });
    this.deps.committed(event);
  }
}
