import {
  Inject,
  Module,
  Optional,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { Settings } from '../config/settings.js';
import { READ_STORE, type ReadStore } from '../readstore/read-store.port.js';
import { READ_MODEL_PROJECTIONS } from './read-models.js';
import { PROJECTIONS } from './runner/projections.token.js';
import { DeadLetterService } from './runner/dead-letter.service.js';
import { ProjectionRunner } from './runner/projection-runner.js';
import { ProjectionStatusService } from './runner/projection-status.service.js';
import { RebuildService } from './runner/rebuild.service.js';
import { RUNNER_OPTIONS, runnerOptions } from './runner/runner-options.js';
import { createRunnerTables } from './runner/runner.schema.js';

const SERVICES = [ProjectionStatusService, DeadLetterService, RebuildService];

/**
 * The projections and the services over them (status, wait for a position, dead letters,
 * rebuild requests). With `runner: true` (the projector role) the runner also starts with
 * the application and stops before it shuts down. Needs Settings, EVENT_STORE and
 * READ_STORE from the application; whoever opened the stores closes them.
 */
@Module({})
export class ProjectionsModule
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown
{
  static forRoot(options: { runner: boolean }): DynamicModule {
    const runner = options.runner ? [ProjectionRunner] : [];
    return {
      module: ProjectionsModule,
      providers: [
        { provide: PROJECTIONS, useValue: READ_MODEL_PROJECTIONS },
        { provide: RUNNER_OPTIONS, inject: [Settings], useFactory: runnerOptions },
        ...runner,
        ...SERVICES,
      ],
      exports: [PROJECTIONS, ...runner, ...SERVICES],
    };
  }

  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Optional() private readonly runner?: ProjectionRunner,
  ) {}

  /** The services read the runner's tables even where no runner has created them yet. */
  async onModuleInit(): Promise<void> {
    await createRunnerTables(this.readStore);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner?.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
  }
}
