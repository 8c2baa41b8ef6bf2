import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BenchChild, runBenchChild } from '../support/child.js';
import { BENCH } from '../support/paths.js';
import { profileArgs } from '../support/profile.js';
import type { Scenario, ScenarioResult } from '../support/scenario.js';
import { median } from '../support/stats.js';
import { printTable } from '../support/table.js';
import { check } from '../support/targets.js';
import type { SpoolInput, SpoolOutput } from './drain-child.js';

export const TARGET_DELIVERIES_PER_SEC = 2_000;

export const spoolScenario: Scenario = {
  name: 'spool',
  async run(context) {
    const deliveries = context.quick ? 2_000 : 20_000;
    const plan = { deliveries, entities: deliveries / 20, attempted: deliveries / 100 };
    const runs: SpoolOutput[] = [];
    for (let run = 1; run <= context.runs; run++) {
      // A fresh, empty server each run: the log holds exactly this run's events.
      const server = new BenchChild(
        join(BENCH, 'esdb/test-server-child.ts'),
        {},
        {
          nodeArgs: profileArgs(context, 'spool-server'),
        },
      );
      try {
        const { connectionString } = await server.next<{ connectionString: string }>();
        const dir = join(context.dir, `spool-${run}`);
        mkdirSync(dir, { recursive: true });
        runs.push(
          await runBenchChild<SpoolOutput>(
            join(BENCH, 'spool/drain-child.ts'),
            {
              connectionString,
              dir,
              ...plan,
            } satisfies SpoolInput,
            { nodeArgs: profileArgs(context, 'spool-drain') },
          ),
        );
      } finally {
        await server.stop();
      }
    }
    const rate = median(runs.map((run) => run.deliveriesPerSec));
    const faults = (run: SpoolOutput) => run.lost + run.doubled + run.unexpected + run.outOfOrder;
    const worst = runs.reduce((most, run) => Math.max(most, faults(run)), 0);
    printTable(
      `Spool drained into the EventStoreDB test server, ${deliveries.toLocaleString('en-US')} deliveries, median of ${context.runs}`,
      runs.map((run, i) => ({
        run: i + 1,
        'deliveries/s': Math.round(run.deliveriesPerSec),
        streams: run.streams,
        lost: run.lost,
        doubled: run.doubled,
        unexpected: run.unexpected,
        'out of order': run.outOfOrder,
      })),
    );
    return {
      parameters: {
        ...plan,
        server:
          'test/support/eventstoredb-test-server.ts (in-memory test fixture, its own process), not a real EventStoreDB',
        forwarder: 'SpoolForwarder over EventStoreDbEventStore, its own process, spool on disk',
      },
      figures: { deliveriesPerSec: rate, worstRunFaults: worst },
      runs,
      targets: [
        check(
          `spool drains >= ${TARGET_DELIVERIES_PER_SEC.toLocaleString('en-US')} deliveries/s, none lost, doubled or out of order`,
          `${Math.round(rate).toLocaleString('en-US')} deliveries/s, ${worst} faults`,
          rate >= TARGET_DELIVERIES_PER_SEC && worst === 0,
        ),
      ],
      notes: [
        'the spool is filled in one transaction before the drain is timed; half of the deliveries marked as tried before are in the log already, as an append that landed after its timeout leaves them',
      ],
    } satisfies ScenarioResult;
  },
};
