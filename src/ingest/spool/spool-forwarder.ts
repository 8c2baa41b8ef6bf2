import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { StoreUnavailableError } from '../../eventstore/event-store.errors.js';
import type { EventStore } from '../../eventstore/event-store.port.js';
import type { LedgerMetrics } from '../../platform/metrics/ledger-metrics.js';
import type { DeliveryRecord } from '../delivery/delivery-record.js';
import type { DeliverySpool, SpooledDelivery } from './delivery-spool.js';

export interface ForwarderTiming {
  initialRetryMs: number;
  maxRetryMs: number;
}

/** How far back a stream is searched for an event whose earlier forward may have landed. */
const DUPLICATE_SEARCH_DEPTH = 500;
/** Most deliveries taken from the spool in one round, and most of their bytes past the first. */
const BATCH_DELIVERIES = 10_000;
const BATCH_BYTES = 16 * 1024 * 1024;
/** Streams appended to at once. */
const STREAMS_IN_FLIGHT = 32;
/** Most bytes in one append, well under EventStoreDB's 1 MiB; a larger delivery goes alone. */
const APPEND_BYTES = 512 * 1024;

/**
 * Drains the spool into the event store once the store answers again, in rounds: the oldest
 * deliveries, grouped by stream, one append per stream (in arrival order within it), several
 * streams at once; a round ends before the next begins. While anything is spooled, new
 * deliveries queue behind it, so each stream keeps the order its deliveries arrived in.
 */
export class SpoolForwarder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Spool');
  private depth: number;
  /** Deliveries forwarded since the spool was last empty. */
  private forwarded = 0;
  /** The last round forwarded nothing. */
  private stalled = false;
  private stopped = false;
  private wake: (() => void) | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly spool: DeliverySpool,
    private readonly store: EventStore,
    private readonly timing: ForwarderTiming,
    metrics: LedgerMetrics,
  ) {
    this.depth = spool.depth();
    metrics.gauge('ledger_spool_depth', 'Deliveries waiting in the local spool', [], (gauge) =>
      gauge.set(this.depth),
    );
  }

  onApplicationBootstrap(): void {
    if (this.depth > 0) this.logger.warn(`${this.depth} spooled deliveries wait to be forwarded`);
    this.running = this.run();
  }

  /** Deliveries waiting in the spool. */
  get waiting(): number {
    return this.depth;
  }

  /**
   * Keeps a delivery in the spool. `attempted`: a direct append was tried and may have
   * reached the store after all, so forwarding checks for it first.
   */
  add(record: DeliveryRecord, attempted: boolean): void {
    this.spool.add(record, attempted);
    this.depth += 1;
    if (this.depth === 1 || this.depth % 1000 === 0) {
      this.logger.warn(`The event store is unavailable: ${this.depth} deliveries spooled`);
    }
    this.wake?.();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    this.spool.close();
  }

  private async run(): Promise<void> {
    let delay = this.timing.initialRetryMs;
    while (!this.stopped) {
      const batch = this.spool.oldest(BATCH_DELIVERIES, BATCH_BYTES);
      if (batch.length === 0) {
        if (this.forwarded > 0) {
          this.logger.log(`Spool drained: ${this.forwarded} deliveries forwarded`);
        }
        this.forwarded = 0;
        await this.pause(60_000);
        continue;
      }
      // Some streams may fail while the rest land: wait only when nothing moved.
      if (await this.forwardRound(batch)) {
        delay = this.timing.initialRetryMs;
        continue;
      }
      await this.pause(delay);
      delay = Math.min(delay * 2, this.timing.maxRetryMs);
    }
  }

  /** Forwards a round and takes what landed out of the spool; false when nothing did. */
  private async forwardRound(batch: SpooledDelivery[]): Promise<boolean> {
    const { landed, failure } = await this.forwardBatch(batch);
    this.spool.remove(landed);
    this.depth -= landed.length;
    this.forwarded += landed.length;
    const moved = landed.length > 0;
    if (failure !== undefined && !(failure instanceof StoreUnavailableError)) {
      this.logger.error(`Cannot forward spooled deliveries: ${failure}`);
    } else if (failure !== undefined && !moved && !this.stalled) {
      this.logger.warn(
        `Spooled deliveries wait for the event store: ${(failure as Error).message}`,
      );
    }
    this.stalled = !moved;
    return moved;
  }

  /** Forwards each stream's deliveries of the batch; the ones that landed, and a failure. */
  private async forwardBatch(
    batch: SpooledDelivery[],
  ): Promise<{ landed: number[]; failure?: unknown }> {
    this.spool.markAttempted(batch.filter((entry) => !entry.attempted).map((entry) => entry.seq));
    const landed: number[] = [];
    let failure: unknown;
    await inParallel([...byStream(batch).values()], STREAMS_IN_FLIGHT, async (run) => {
      try {
        await this.forwardRun(run, landed);
      } catch (error) {
        failure ??= error;
      }
    });
    return { landed, failure };
  }

  /** Appends one stream's deliveries in order, adding to `landed` those that are stored. */
  private async forwardRun(run: SpooledDelivery[], landed: number[]): Promise<void> {
    const stored = run.some((entry) => entry.attempted)
      ? await this.storedIds(run)
      : new Set<string>();
    landed.push(...run.filter((entry) => stored.has(entry.event.id)).map((entry) => entry.seq));
    const pending = run.filter((entry) => !stored.has(entry.event.id));
    for (const append of appendsOf(pending)) {
      // An append given up on could still land, and then land twice once forwarded again.
      await this.store.append(
        append[0].stream,
        append.map((entry) => entry.event),
        { untilAnswered: true },
      );
      landed.push(...append.map((entry) => entry.seq));
    }
  }

  /** The ids among the latest events of the run's stream, where an earlier forward would be. */
  private async storedIds(run: SpooledDelivery[]): Promise<Set<string>> {
    const recent = await this.store.readStream(run[0].stream, {
      direction: 'backwards',
      limit: DUPLICATE_SEARCH_DEPTH + run.length,
    });
    return new Set(recent.map((event) => event.id));
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

/** The deliveries of each stream, in arrival order, streams in the order they first appear. */
function byStream(batch: SpooledDelivery[]): Map<string, SpooledDelivery[]> {
  const runs = new Map<string, SpooledDelivery[]>();
  for (const entry of batch) {
    const run = runs.get(entry.stream);
    if (run) run.push(entry);
    else runs.set(entry.stream, [entry]);
  }
  return runs;
}

/** A stream's deliveries cut into appends of at most APPEND_BYTES (or one delivery). */
function appendsOf(run: SpooledDelivery[]): SpooledDelivery[][] {
  const appends: SpooledDelivery[][] = [];
  let bytes = Infinity;
  for (const entry of run) {
    if (bytes + entry.bytes > APPEND_BYTES) {
      appends.push([]);
      bytes = 0;
    }
    appends.at(-1)!.push(entry);
    bytes += entry.bytes;
  }
  return appends;
}

/** Runs `work` on every item, at most `limit` at a time. */
async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
