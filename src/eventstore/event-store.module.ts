import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Settings } from '../config/settings.js';
import { openEventStore } from './event-store.factory.js';
import { EVENT_STORE, type EventStore } from './event-store.port.js';

/** Provides the configured EventStore and closes it when the application shuts down. */
@Global()
@Module({
  providers: [{ provide: EVENT_STORE, inject: [Settings], useFactory: openEventStore }],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
