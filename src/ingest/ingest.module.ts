import {
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type Provider,
} from '@nestjs/common';
import { join } from 'node:path';
import type { Settings } from '../config/settings.js';
import { EVENT_STORE, type EventStore } from '../eventstore/event-store.port.js';
import { loadWebhookTokens, WebhookTokens } from './auth/webhook-tokens.js';
import { DeliveryWriter } from './delivery/delivery-writer.js';
import { RecordWebhookHandler } from './record-webhook.handler.js';
import { DeliverySpool } from './spool/delivery-spool.js';
import { SpoolForwarder } from './spool/spool-forwarder.js';
import { WebhookController } from './webhook.controller.js';

const WEBHOOK_URL = Symbol('WebhookUrl');

/** The ingest role: the webhook endpoint and everything that stores a delivery. */
@Module({})
export class IngestModule implements OnApplicationBootstrap {
  constructor(@Inject(WEBHOOK_URL) private readonly announcement: () => void) {}

  static forRoot(settings: Settings): DynamicModule {
    const { tokens, generated } = loadWebhookTokens(settings);
    return {
      module: IngestModule,
      controllers: [WebhookController],
      providers: [
        { provide: WebhookTokens, useValue: tokens },
        { provide: WEBHOOK_URL, useValue: () => announceWebhookUrl(settings, tokens, generated) },
        RecordWebhookHandler,
        DeliveryWriter,
        ...(settings.EVENT_STORE === 'eventstoredb' ? spoolProviders(settings) : []),
      ],
    };
  }

  onApplicationBootstrap(): void {
    this.announcement();
  }
}

/** With EventStoreDB, deliveries it cannot take in time wait in a local spool. */
function spoolProviders(settings: Settings): Provider[] {
  return [
    {
      provide: DeliverySpool,
      useFactory: () => new DeliverySpool(join(settings.DATA_DIR, 'spool.sqlite')),
    },
    {
      provide: SpoolForwarder,
      inject: [DeliverySpool, EVENT_STORE],
      useFactory: (spool: DeliverySpool, store: EventStore) =>
        new SpoolForwarder(spool, store, { initialRetryMs: 200, maxRetryMs: 5000 }),
    },
  ];
}

function announceWebhookUrl(settings: Settings, tokens: WebhookTokens, generated: boolean) {
  const logger = new Logger('Webhooks');
  const base = `${settings.PUBLIC_URL ?? `http://localhost:${settings.INGEST_PORT}`}/webhooks/qualified`;
  if (tokens.open) {
    logger.warn(`Accepting webhooks WITHOUT a token (WEBHOOK_AUTH=none) at ${base}`);
  } else if (generated) {
    logger.log(`Webhook URL to paste into Qualified: ${base}/${tokens.entries[0].secret}`);
  } else {
    const names = tokens.entries.map((token) => token.name).join(', ');
    logger.log(`Webhook URL: ${base}/<token>, with the configured tokens ${names}`);
  }
}
