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

/**
 * Drains the spool into the event store in arrival order, once the store answers again.
 * While anything is spooled, new deliveries queue behind it, so order is kept.
 */
export class SpoolForwarder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Spool');
  private depth: number;
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
    let forwarded = 0;
    while (!this.stopped) {
      const next = this.spool.oldest();
      if (!next) {
        if (forwarded > 0) this.logger.log(`Spool drained: ${forwarded} deliveries forwarded`);
        forwarded = 0;
        await this.pause(60_000);
        continue;
      }
      try {
        await this.forward(next);
        this.spool.remove(next.seq);
        this.depth -= 1;
        forwarded += 1;
        delay = this.timing.initialRetryMs;
      } catch (error) {
        if (!(error instanceof StoreUnavailableError)) {
          this.logger.error(`Cannot forward spooled delivery ${next.event.id}: ${error}`);
        }
        await this.pause(delay);
        delay = Math.min(delay * 2, this.timing.maxRetryMs);
      }
    }
  }

  private async forward(entry: SpooledDelivery): Promise<void> {
    if (entry.attempted && (await this.alreadyStored(entry))) return;
    this.spool.markAttempted(entry.seq);
    await this.store.append(entry.stream, [entry.event]);
  }

  private async alreadyStored(entry: SpooledDelivery): Promise<boolean> {
    const recent = await this.store.readStream(entry.stream, {
      direction: 'backwards',
      limit: DUPLICATE_SEARCH_DEPTH,
    });
    return recent.some((event) => event.id === entry.event.id);
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
