import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Position } from '../../eventstore/position.js';
import {
  ProjectionStatusService,
  type ProjectionStatus,
} from '../../projections/runner/projection-status.service.js';
import type { ProjectionState } from '../../projections/runner/projection-state.store.js';
import { LedgerMetrics } from './ledger-metrics.js';
import { RateWindow } from './rate-window.js';

interface Reading {
  status: ProjectionStatus;
  /** Events applied per second; null where log positions do not count events. */
  eventsPerSecond: number | null;
}

interface ProjectionGauge {
  name: string;
  help: string;
  /** The value for one projection; null leaves it out. */
  value(reading: Reading): number | null;
}

const STATES: readonly ProjectionState[] = ['live', 'catching-up', 'rebuilding', 'stopped'];

const GAUGES: readonly ProjectionGauge[] = [
  {
    name: 'ledger_projection_position',
    help: "The log position each projection's read model includes (its checkpoint): events into the log on the embedded store, EventStoreDB's commit position otherwise",
    value: ({ status }) => (status.checkpoint ? position(status.checkpoint) : null),
  },
  {
    name: 'ledger_projection_lag_events',
    help: "Events in the log after each projection's checkpoint (embedded store only)",
    value: ({ status }) => status.lag.events,
  },
  {
    name: 'ledger_projection_lag_seconds',
    help: 'How much older, by receipt time, the last event each projection applied is than the newest in the log',
    value: ({ status }) => status.lag.seconds,
  },
  {
    name: 'ledger_projection_events_per_second',
    help: 'Events each projection applied per second, over the last minute of scrapes (embedded store only)',
    value: ({ eventsPerSecond }) => eventsPerSecond,
  },
  {
    name: 'ledger_projection_parked_events',
    help: "Events each projection's live read model misses, parked in the dead letters",
    value: ({ status }) => status.parked,
  },
  {
    name: 'ledger_projection_rebuild_applied_events',
    help: 'Events a rebuild under way has applied to its new tables',
    value: ({ status }) => status.rebuild?.eventsDone ?? null,
  },
  {
    name: 'ledger_projection_rebuild_target_events',
    help: 'Events in the log a rebuild under way works through (embedded store only)',
    value: ({ status }) => status.rebuild?.eventsTotal ?? null,
  },
  {
    name: 'ledger_projection_rebuild_events_per_second',
    help: "A rebuild's events per second since it started or resumed",
    value: ({ status }) => status.rebuild?.rate ?? null,
  },
];

/**
 * Per-projection gauges, read from the projections' status (the read store and the log)
 * when scraped. The registry is shared by the roles a process runs, so the first of its
 * applications with the projections (projector or query) registers them, once.
 */
@Injectable()
export class ProjectionMetrics implements OnModuleInit {
  private readonly rates = new Map<string, RateWindow>();
  private reading: Promise<Reading[]> | undefined;
  private readonly logger = new Logger('Metrics');

  constructor(
    private readonly metrics: LedgerMetrics,
    private readonly status: ProjectionStatusService,
  ) {}

  onModuleInit(): void {
    if (this.metrics.registry.getSingleMetric(GAUGES[0].name)) return;
    for (const gauge of GAUGES) this.register(gauge);
    this.registerState();
  }

  private register({ name, help, value }: ProjectionGauge): void {
    this.metrics.gauge(name, help, ['projection'], async (gauge) => {
      gauge.reset();
      for (const reading of await this.read()) {
        const figure = value(reading);
        if (figure !== null) gauge.set({ projection: reading.status.name }, figure);
      }
    });
  }

  /** One series per projection and state, 1 for the state it is in: alerts need no regex. */
  private registerState(): void {
    this.metrics.gauge(
      'ledger_projection_state',
      'The state each projection is in: 1 for its state (live, catching-up, rebuilding, stopped), 0 for the others',
      ['projection', 'state'],
      async (gauge) => {
        gauge.reset();
        for (const { status } of await this.read()) {
          for (const state of STATES) {
            gauge.set({ projection: status.name, state }, state === status.state ? 1 : 0);
          }
        }
      },
    );
  }

  /** One reading per scrape, shared by the gauges, which are collected together. */
  private read(): Promise<Reading[]> {
    this.reading ??= this.load().finally(() => (this.reading = undefined));
    return this.reading;
  }

  /** The statuses with their rates; none when they cannot be read, so the rest still scrapes. */
  private async load(): Promise<Reading[]> {
    try {
      const statuses = await this.status.statuses();
      return statuses.map((status) => ({ status, eventsPerSecond: this.rate(status) }));
    } catch (error) {
      this.logger.warn(`Cannot read the projections' status for /metrics: ${error}`);
      return [];
    }
  }

  /** Where lag counts events, so do positions: their change over time is the events/s. */
  private rate(status: ProjectionStatus): number | null {
    if (status.lag.events === null) return null;
    let window = this.rates.get(status.name);
    if (!window) this.rates.set(status.name, (window = new RateWindow()));
    return window.record(status.checkpoint ? position(status.checkpoint) : 0);
  }
}

function position(text: string): number {
  return Number(Position.parse(text).commit);
}
