import {
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Settings } from '../config/settings.js';
import { WebhookTokenGuard } from './auth/webhook-token.guard.js';
import { loadWebhookTokens, WebhookTokens } from './auth/webhook-tokens.js';
import { IngestModule } from './ingest.module.js';
import { WebhookController } from './webhook.controller.js';

const ANNOUNCE_URL = Symbol('AnnounceWebhookUrl');

/** The webhook endpoint, its tokens, and the URL to paste into Qualified. */
@Module({})
export class WebhookModule implements OnApplicationBootstrap {
  constructor(@Inject(ANNOUNCE_URL) private readonly announce: () => void) {}

  static forRoot(settings: Settings): DynamicModule {
    const { tokens, generated } = loadWebhookTokens(settings);
    return {
      module: WebhookModule,
      imports: [IngestModule.forRoot(settings)],
      controllers: [WebhookController],
      providers: [
        { provide: WebhookTokens, useValue: tokens },
        { provide: ANNOUNCE_URL, useValue: () => announceWebhookUrl(settings, tokens, generated) },
        WebhookTokenGuard,
      ],
    };
  }

  onApplicationBootstrap(): void {
    this.announce();
  }
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
