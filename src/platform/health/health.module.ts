import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { EventStoreHealthIndicator } from './event-store.health.js';
import { HealthController } from './health.controller.js';
import { ProjectionsHealthIndicator } from './projections.health.js';

@Module({})
export class HealthModule {
  /**
   * Readiness checks the event store and, given the application's projections module (the
   * query role's, which serves from the read models), the projections too.
   */
  static forRoot(options: { projections?: DynamicModule } = {}): DynamicModule {
    const { projections } = options;
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...(projections ? [projections] : [])],
      controllers: [HealthController],
      providers: [EventStoreHealthIndicator, ...(projections ? [ProjectionsHealthIndicator] : [])],
    };
  }
}
