import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Settings } from '../config/settings.js';
import { EVENT_STORE } from '../eventstore/event-store.port.js';
import { LedgerMetrics } from '../platform/metrics/ledger-metrics.js';
import { READ_STORE } from '../readstore/read-store.port.js';
import type { SharedResources } from './shared-resources.js';

/** Makes the settings and the process's shared stores injectable in every module of an app. */
@Global()
@Module({})
export class ResourcesModule {
  static forRoot(settings: Settings, resources: SharedResources): DynamicModule {
    const providers = [
      { provide: Settings, useValue: settings },
      { provide: EVENT_STORE, useValue: resources.eventStore },
      { provide: READ_STORE, useValue: resources.readStore },
      { provide: LedgerMetrics, useValue: resources.metrics },
    ];
    return { module: ResourcesModule, providers, exports: providers.map((p) => p.provide) };
  }
}
