import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { Settings } from '../config/settings.js';
import { loggingModule } from '../platform/logging/logging.module.js';
import { ProjectionMetrics } from '../platform/metrics/projection-metrics.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { ResourcesModule } from './resources.module.js';
import type { SharedResources } from './shared-resources.js';

@Module({})
class ProjectorAppModule {
  static forRoot(settings: Settings, resources: SharedResources): DynamicModule {
    return {
      module: ProjectorAppModule,
      imports: [
        ResourcesModule.forRoot(settings, resources),
        loggingModule(settings),
        ProjectionsModule.forRoot({ runner: true }),
      ],
      providers: [ProjectionMetrics],
    };
  }
}

/**
 * The projector role, without HTTP: it keeps the read models up to date from the log,
 * starting once created and stopping when closed. One per read store.
 */
export async function createProjectorApp(
  settings: Settings,
  resources: SharedResources,
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(
    ProjectorAppModule.forRoot(settings, resources),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  return app;
}
