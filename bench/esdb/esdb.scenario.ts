import { join } from 'node:path';
import { BenchChild, runBenchChild } from '../support/child.js';
import { BENCH } from '../support/paths.js';
import type { Scenario, ScenarioResult } from '../support/scenario.js';
import { median, round } from '../support/stats.js';
import { printTable } from '../support/table.js';
import type { EsdbInput, EsdbOutput } from './client-child.js';

export const esdbScenario: Scenario = {
  name: 'esdb',
  async run(context) {
    const plan = { events: context.quick ? 2_000 : 20_000, concurrency: 50 };
    const runs: EsdbOutput[] = [];
    for (let run = 1; run <= context.runs; run++) {
      // A fresh, empty server each run: the subscription reads exactly this run's events.
      const server = new BenchChild(join(BENCH, 'esdb/test-server-child.ts'), {});
      try {
        const { connectionString } = await server.next<{ connectionString: string }>();
        runs.push(
          await runBenchChild<EsdbOutput>(join(BENCH, 'esdb/client-child.ts'), {
            connectionString,
            ...plan,
          } satisfies EsdbInput),
        );
      } finally {
        await server.stop();
      }
    }
    const of = (pick: (run: EsdbOutput) => number) => median(runs.map(pick));
    const figures = {
      appendsPerSec: of((r) => r.appendsPerSec),
      appendP50Ms: of((r) => r.appendP50Ms),
      appendP99Ms: of((r) => r.appendP99Ms),
      subscriptionEventsPerSec: of((r) => r.subscriptionEventsPerSec),
    };
    printTable(
      `EventStoreDB adapter against the gRPC test server (informational), ${plan.events.toLocaleString('en-US')} events, ${plan.concurrency} appends in flight, median of ${context.runs}`,
      [
        {
          'appends/s': Math.round(figures.appendsPerSec),
          'append p50 ms': round(figures.appendP50Ms, 2),
          'append p99 ms': round(figures.appendP99Ms, 2),
          'subscription events/s': Math.round(figures.subscriptionEventsPerSec),
        },
      ],
    );
    return {
      parameters: {
        ...plan,
        server:
          'test/support/eventstoredb-test-server.ts (in-memory test fixture, its own process), not a real EventStoreDB',
        client: 'EventStoreDbEventStore (the official @eventstore/db-client), its own process',
      },
      figures,
      runs,
      targets: [],
      notes: [
        'informational: the test server is a fixture, so these say little about a real EventStoreDB',
      ],
    } satisfies ScenarioResult;
  },
};
