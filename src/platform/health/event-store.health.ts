import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '../../eventstore/event-store.port.js';

/** Up when the event store answers; reports the log's head position. */
@Injectable()
export class EventStoreHealthIndicator {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly health: HealthIndicatorService,
  ) {}

  async check() {
    const indicator = this.health.check('eventStore');
    try {
      const head = await this.store.headPosition();
      return indicator.up({ headPosition: head?.toString() ?? null });
    } catch (error) {
      return indicator.down({
        message: `The event store does not answer: ${(error as Error).message}`,
      });
    }
  }
}
