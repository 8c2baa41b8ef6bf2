import { Controller, Get, Optional } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthIndicatorFunction } from '@nestjs/terminus';
import { Public } from '../auth/access.decorators.js';
import { EventStoreHealthIndicator } from './event-store.health.js';
import { ProjectionsHealthIndicator } from './projections.health.js';

/** Liveness (the process answers) and readiness (its stores answer, its projections run). */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly eventStore: EventStoreHealthIndicator,
    @Optional() private readonly projections?: ProjectionsHealthIndicator,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * `/health` and `/health/ready`: 503 when the event store is unreachable or, where the
   * projections are checked, one of them has stopped on an error.
   */
  @Get(['', 'ready'])
  @HealthCheck()
  ready() {
    const checks: HealthIndicatorFunction[] = [() => this.eventStore.check()];
    const { projections } = this;
    if (projections) checks.push(() => projections.check());
    return this.health.check(checks);
  }
}
