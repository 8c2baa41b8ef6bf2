import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics, one registry per process shared by the roles it runs.
 * Gauges whose value lives elsewhere (spool depth, projection positions) are read when
 * scraped, through the collectors the roles register.
 */
export class LedgerMetrics {
  readonly registry = new Registry();

  readonly deliveries = new Counter({
    name: 'ledger_webhook_deliveries_total',
    help: 'Webhook deliveries by stored type and outcome',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly appendSeconds = new Histogram({
    name: 'ledger_append_duration_seconds',
    help: 'Time for the event store (or the spool) to take a delivery durably',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'ledger_' });
  }

  /** A gauge whose values are read from `read` at each scrape. */
  gauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    read: (gauge: Gauge<L>) => void | Promise<void>,
  ): Gauge<L> {
    return new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        await read(this);
      },
    });
  }
}
