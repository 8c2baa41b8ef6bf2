import {
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Settings } from '../config/settings.js';
import { WebhookTokenGuard } from './auth/webhook-token.guard.js';
import { fingerprint } from '../platform/auth/named-secrets.js';
import {
  loadWebhookTokens,
  WebhookTokens,
  type LoadedWebhookTokens,
} from './auth/webhook-tokens.js';
import { IngestModule } from './ingest.module.js';
import { WebhookController } from './webhook.controller.js';

const ANNOUNCE_URL = Symbol('AnnounceWebhookUrl');

/** The webhook endpoint, its tokens, and the URL to paste into Qualified. */
@Module({})
export class WebhookModule implements OnApplicationBootstrap {
  constructor(@Inject(ANNOUNCE_URL) private readonly announce: () => void) {}

  static forRoot(settings: Settings): DynamicModule {
    const loaded = loadWebhookTokens(settings);
    return {
      module: WebhookModule,
      imports: [IngestModule.forRoot(settings)],
      controllers: [WebhookController],
      providers: [
        { provide: WebhookTokens, useValue: loaded.tokens },
        { provide: ANNOUNCE_URL, useValue: () => announceWebhookUrl(settings, loaded) },
        WebhookTokenGuard,
      ],
    };
  }

  onApplicationBootstrap(): void {
    this.announce();
  }
}

/**
 * Says where webhooks go. The URL with the token is shown once, on stderr, when the token is
 * made; the logs only ever name a token and its fingerprint.
 */
function announceWebhookUrl(settings: Settings, { tokens, file, created }: LoadedWebhookTokens) {
  const logger = new Logger('Webhooks');
  const base = `${settings.PUBLIC_URL ?? `http://localhost:${settings.INGEST_PORT}`}/webhooks/qualified`;
  if (tokens.open) {
    logger.warn(`Accepting webhooks WITHOUT a token (WEBHOOK_AUTH=none) at ${base}`);
    return;
  }
  if (created) {
    process.stderr.write(
      `Webhook URL to paste into Qualified (shown this once; the token is kept in ${file}):\n${base}/${tokens.entries[0].secret}\n`,
    );
  }
  const names = tokens.entries
    .map((token) => `${token.name} (sha256:${fingerprint(token.secret)})`)
    .join(', ');
  const source = !file
    ? 'from WEBHOOK_TOKENS'
    : `${created ? 'made on this start and kept' : 'kept'} in ${file}`;
  logger.log(`Webhook URL: ${base}/<token>, accepting ${names}, ${source}`);
}
