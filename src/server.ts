import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import type { Settings } from './config/settings.js';
import { acceptRawBodies } from './ingest/raw-body.js';
import { StoreUnavailableFilter } from './platform/http/store-unavailable.filter.js';

export interface ServerOptions {
  logger?: LogLevel[] | false;
}

/** Builds the HTTP application for the given settings; the caller decides where it listens. */
export async function createServer(
  settings: Settings,
  options: ServerOptions = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(settings),
    new FastifyAdapter({ bodyLimit: settings.WEBHOOK_BODY_LIMIT }),
    { logger: options.logger ?? ['error', 'warn', 'log'], bodyParser: false },
  );
  acceptRawBodies(app.getHttpAdapter().getInstance(), settings.WEBHOOK_BODY_LIMIT);
  app.useGlobalFilters(new StoreUnavailableFilter());
  app.enableShutdownHooks();
  return app;
}
