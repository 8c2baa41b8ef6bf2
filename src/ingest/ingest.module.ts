import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { Settings } from '../config/settings.js';
import { EVENT_STORE, type EventStore } from '../eventstore/event-store.port.js';
import { LedgerMetrics } from '../platform/metrics/ledger-metrics.js';
import { DeliveryWriter } from './delivery/delivery-writer.js';
import { RecordWebhookHandler } from './record-webhook.handler.js';
import { DeliverySpool, spoolFile } from './spool/delivery-spool.js';
import { SpoolForwarder } from './spool/spool-forwarder.js';

/** Storing deliveries: the record-webhook command, for the webhook endpoint and imports. */
@Module({})
export class IngestModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: IngestModule,
      providers: [
        RecordWebhookHandler,
        DeliveryWriter,
        ...(settings.EVENT_STORE === 'eventstoredb' ? spoolProviders(settings) : []),
      ],
    };
  }
}

/** With EventStoreDB, deliveries it cannot take in time wait in a local spool. */
function spoolProviders(settings: Settings): Provider[] {
  return [
    {
      provide: DeliverySpool,
      useFactory: () => new DeliverySpool(spoolFile(settings.DATA_DIR)),
    },
    {
      provide: SpoolForwarder,
      inject: [DeliverySpool, EVENT_STORE, LedgerMetrics],
      useFactory: (spool: DeliverySpool, store: EventStore, metrics: LedgerMetrics) =>
        new SpoolForwarder(spool, store, { initialRetryMs: 200, maxRetryMs: 5000 }, metrics),
    },
  ];
}
