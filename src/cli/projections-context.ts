import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Settings } from '../config/settings.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { ResourcesModule } from '../roles/resources.module.js';
import type { SharedResources } from '../roles/shared-resources.js';

@Module({})
class ProjectionsContextModule {
  static forRoot(settings: Settings, resources: SharedResources): DynamicModule {
    return {
      module: ProjectionsContextModule,
      imports: [
        ResourcesModule.forRoot(settings, resources),
        ProjectionsModule.forRoot({ runner: false }),
      ],
    };
  }
}

/** The projection services (status, dead letters, rebuild requests) without a runner. */
export function createProjectionsContext(
  settings: Settings,
  resources: SharedResources,
): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(
    ProjectionsContextModule.forRoot(settings, resources),
    {
      logger: ['error', 'warn'],
    },
  );
}
