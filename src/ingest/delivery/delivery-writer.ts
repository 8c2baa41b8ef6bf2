import { Inject, Injectable, Optional } from '@nestjs/common';
import { StoreUnavailableError } from '../../eventstore/event-store.errors.js';
import { EVENT_STORE, type EventStore } from '../../eventstore/event-store.port.js';
import type { Position } from '../../eventstore/position.js';
import { LedgerMetrics } from '../../platform/metrics/ledger-metrics.js';
import { SpoolForwarder } from '../spool/spool-forwarder.js';
import type { DeliveryRecord } from './delivery-record.js';

export type WriteOutcome = { position: Position } | { spooled: true };

/**
 * Appends a delivery to the event store. With a spool (EventStoreDB), a delivery the store
 * cannot take in time is kept in the spool instead; while anything is spooled, new
 * deliveries go behind it so that they reach the store in arrival order.
 */
@Injectable()
export class DeliveryWriter {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly metrics: LedgerMetrics,
    @Optional() private readonly spool?: SpoolForwarder,
  ) {}

  async write(record: DeliveryRecord): Promise<WriteOutcome> {
    const stopTimer = this.metrics.appendSeconds.startTimer();
    try {
      return await this.writeOrSpool(record);
    } finally {
      stopTimer();
    }
  }

  private async writeOrSpool(record: DeliveryRecord): Promise<WriteOutcome> {
    if (this.spool && this.spool.waiting > 0) return this.keep(this.spool, record, false);
    try {
      const { position } = await this.store.append(record.stream, [record.event]);
      return { position };
    } catch (error) {
      if (this.spool && error instanceof StoreUnavailableError) {
        return this.keep(this.spool, record, true);
      }
      throw error;
    }
  }

  private keep(spool: SpoolForwarder, record: DeliveryRecord, attempted: boolean): WriteOutcome {
    try {
      spool.add(record, attempted);
      return { spooled: true };
    } catch (error) {
      throw new StoreUnavailableError(
        `Neither the event store nor the local spool can take the delivery: ${error}`,
        { cause: error },
      );
    }
  }
}
