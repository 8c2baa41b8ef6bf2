import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { CqrsModule } from '@nestjs/cqrs';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Settings } from '../config/settings.js';
import { HealthModule } from '../platform/health/health.module.js';
import { loggingModule } from '../platform/logging/logging.module.js';
import { echoRequestId, requestId } from '../platform/logging/request-id.js';
import { MetricsController } from '../platform/metrics/metrics.controller.js';
import { ProjectionMetrics } from '../platform/metrics/projection-metrics.js';
import { sendSecurityHeaders } from '../platform/http/security-headers.js';
import { StoreUnavailableFilter } from '../platform/http/store-unavailable.filter.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { refuseCrossSiteRequests } from '../query/auth/browser-requests.js';
import { queryValidationPipe } from '../query/http/validation.pipe.js';
import { QueryModule } from '../query/query.module.js';
import { ResourcesModule } from './resources.module.js';
import type { SharedResources } from './shared-resources.js';

@Module({})
class QueryAppModule {
  static forRoot(settings: Settings, resources: SharedResources): DynamicModule {
    // One instance, shared by the routes, the readiness check and the metrics.
    const projections = ProjectionsModule.forRoot({ runner: false });
    return {
      module: QueryAppModule,
      imports: [
        ResourcesModule.forRoot(settings, resources),
        loggingModule(settings),
        CqrsModule.forRoot(),
        projections,
        HealthModule.forRoot({ projections }),
        QueryModule.forRoot(settings, projections),
      ],
      controllers: [MetricsController],
      providers: [ProjectionMetrics],
    };
  }
}

/** The query role's HTTP application, with its OpenAPI description at /docs. */
export async function createQueryApp(
  settings: Settings,
  resources: SharedResources,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    QueryAppModule.forRoot(settings, resources),
    new FastifyAdapter({ genReqId: requestId }),
    { bufferLogs: true, return503OnClosing: true },
  );
  app.useGlobalPipes(queryValidationPipe());
  app.useLogger(app.get(Logger));
  echoRequestId(app.getHttpAdapter().getInstance());
  await sendSecurityHeaders(app);
  if (!settings.QUERY_API_KEYS) refuseCrossSiteRequests(app.getHttpAdapter().getInstance());
  app.useGlobalFilters(new StoreUnavailableFilter());
  const document = new DocumentBuilder()
    .setTitle('Qualified Ledger query API')
    .setDescription('Read models built from the log of Qualified webhooks, and the raw log.')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, document), {
    jsonDocumentUrl: 'docs-json',
  });
  return app;
}
