import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../auth/access.decorators.js';
import { EventStoreHealthIndicator } from './event-store.health.js';

/** Liveness (the process answers) and readiness (its stores answer). */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly eventStore: EventStoreHealthIndicator,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** `/health` and `/health/ready`: 503 when the event store is unreachable. */
  @Get(['', 'ready'])
  @HealthCheck()
  ready() {
    return this.health.check([() => this.eventStore.check()]);
  }
}
