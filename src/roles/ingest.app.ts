import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { CqrsModule } from '@nestjs/cqrs';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Settings } from '../config/settings.js';
import { WebhookModule } from '../ingest/webhook.module.js';
import { acceptRawBodies } from '../ingest/raw-body.js';
import { HealthModule } from '../platform/health/health.module.js';
import { loggingModule } from '../platform/logging/logging.module.js';
import { echoRequestId, requestId } from '../platform/logging/request-id.js';
import { MetricsController } from '../platform/metrics/metrics.controller.js';
import { sendSecurityHeaders } from '../platform/http/security-headers.js';
import { StoreUnavailableFilter } from '../platform/http/store-unavailable.filter.js';
import { ResourcesModule } from './resources.module.js';
import type { SharedResources } from './shared-resources.js';

@Module({})
class IngestAppModule {
  static forRoot(settings: Settings, resources: SharedResources): DynamicModule {
    return {
      module: IngestAppModule,
      imports: [
        ResourcesModule.forRoot(settings, resources),
        loggingModule(settings),
        CqrsModule.forRoot(),
        HealthModule.forRoot(),
        WebhookModule.forRoot(settings),
      ],
      controllers: [MetricsController],
    };
  }
}

/** The ingest role's HTTP application: the webhook endpoint. */
export async function createIngestApp(
  settings: Settings,
  resources: SharedResources,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    IngestAppModule.forRoot(settings, resources),
    new FastifyAdapter({ bodyLimit: settings.WEBHOOK_BODY_LIMIT, genReqId: requestId }),
    { bufferLogs: true, bodyParser: false, return503OnClosing: true },
  );
  acceptRawBodies(app.getHttpAdapter().getInstance(), settings.WEBHOOK_BODY_LIMIT);
  app.useLogger(app.get(Logger));
  echoRequestId(app.getHttpAdapter().getInstance());
  await sendSecurityHeaders(app);
  app.useGlobalFilters(new StoreUnavailableFilter());
  return app;
}
