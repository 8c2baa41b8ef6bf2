import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { Settings } from '../config/settings.js';
import { ApiKeyGuard } from './auth/api-key.guard.js';
import { ApiKeys } from './auth/api-keys.js';
import { GetStreamEventsHandler } from './streams/get-stream-events.handler.js';
import { StreamsController } from './streams/streams.controller.js';

/** The query role: read-only routes over the read models and the raw streams. */
@Module({})
export class QueryModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: QueryModule,
      controllers: [StreamsController],
      providers: [
        { provide: ApiKeys, useValue: ApiKeys.parse(settings.QUERY_API_KEYS) },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        GetStreamEventsHandler,
      ],
    };
  }
}
