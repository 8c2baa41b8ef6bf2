import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { Settings } from '../../config/settings.js';
import { EVENT_STORE, type EventStore } from '../../eventstore/event-store.port.js';
import { Public } from '../auth/access.decorators.js';

@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly settings: Settings,
  ) {}

  /** Ready when the event store answers; reports the log's head position. */
  @Get()
  async check() {
    try {
      const head = await this.store.headPosition();
      return { status: 'ok', eventStore: this.settings.EVENT_STORE, headPosition: head ?? null };
    } catch (error) {
      throw new ServiceUnavailableException({
        status: 'unavailable',
        eventStore: this.settings.EVENT_STORE,
        message: `The event store does not answer: ${(error as Error).message}`,
      });
    }
  }
}
