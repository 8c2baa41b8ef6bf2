import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import type { Settings } from './config/settings.js';

/** Builds the HTTP application for the given settings; the caller decides where it listens. */
export async function createServer(settings: Settings): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(settings),
    new FastifyAdapter(),
    { logger: ['error', 'warn', 'log'] },
  );
  app.enableShutdownHooks();
  return app;
}
