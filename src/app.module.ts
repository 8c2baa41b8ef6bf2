import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { SettingsModule } from './config/settings.module.js';
import type { Settings } from './config/settings.js';
import { EventStoreModule } from './eventstore/event-store.module.js';
import { IngestModule } from './ingest/ingest.module.js';
import { HealthController } from './platform/health/health.controller.js';

@Module({})
export class AppModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SettingsModule.forRoot(settings),
        CqrsModule.forRoot(),
        EventStoreModule,
        IngestModule.forRoot(settings),
      ],
      controllers: [HealthController],
    };
  }
}
