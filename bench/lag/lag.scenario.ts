import { join } from 'node:path';
import { runBenchChild } from '../support/child.js';
import { BENCH } from '../support/paths.js';
import { profileArgs } from '../support/profile.js';
import { hasRoute } from '../support/routes.js';
import type { BenchContext, Scenario, ScenarioResult } from '../support/scenario.js';
import { startService } from '../support/service.js';
import { median, round } from '../support/stats.js';
import { printTable } from '../support/table.js';
import { check, verdict } from '../support/targets.js';
import type { LagInput, LagOutput } from './lag-child.js';

export const TARGET_LAG_P99_MS = 100;
/** The rate, then a lower one (informational) that shows the lag when ingest keeps up. */
const RATES = [1000, 200];

const CANDIDATE_ROUTE = '/candidates/:id';
const FALLBACK_ROUTE = '/projections';

interface Plan {
  durationSec: number;
  warmupSec: number;
  probeEvery: number;
}

export const lagScenario: Scenario = {
  name: 'lag',
  async run(context) {
    const plan: Plan = {
      durationSec: context.quick ? 3 : 20,
      warmupSec: context.quick ? 1 : 3,
      probeEvery: 4,
    };
    const notes: string[] = [];
    const probePath = await chooseProbePath(context, notes);
    const byRate = [];
    for (const rate of RATES) {
      const runs: LagOutput[] = [];
      for (let run = 1; run <= context.runs; run++) {
        runs.push(await lagRun(context, { ...plan, rate, probePath }, run));
      }
      byRate.push({ rate, runs, figures: summarise(runs) });
    }
    const main = byRate[0].figures;
    const met = main.lagP99Ms < TARGET_LAG_P99_MS;
    printTable(
      `Live lag: 202 to visible via GET ${probePath}?minPosition=, ${plan.durationSec} s per run, median of ${context.runs}`,
      byRate.map(({ rate, figures }) => ({
        'asked/s': rate,
        'sent/s': Math.round(figures.achievedRate),
        'lag p50 ms': round(figures.lagP50Ms, 1),
        'lag p99 ms': round(figures.lagP99Ms, 1),
        'lag max ms': round(figures.lagMaxMs, 1),
        '202 p50 ms': round(figures.postP50Ms, 2),
        '202 p99 ms': round(figures.postP99Ms, 2),
        probes: figures.probes,
        'probes not 200': figures.probesNotOk,
        'not 202': figures.notAccepted,
        'pacer behind': figures.maxBehind,
        [`vs p99 < ${TARGET_LAG_P99_MS} ms`]: rate === RATES[0] ? verdict(met) : 'informational',
      })),
    );
    return {
      parameters: {
        ...plan,
        rates: RATES,
        probePath: `${probePath}?minPosition=<position of the 202>`,
        probed: `every ${plan.probeEvery}th webhook (a team_candidate_state_changed of a new candidate); the rest rotate through the other fixtures`,
        service:
          'all roles in one process (ingest, projector, query), SQLITE_SYNCHRONOUS=FULL, a fresh DATA_DIR per run',
        client:
          'one process, open loop: sends on schedule whatever the answers; "pacer behind" is how far it fell behind the schedule at worst',
      },
      figures: Object.fromEntries(byRate.map(({ rate, figures }) => [`${rate}/s`, figures])),
      runs: byRate.map(({ rate, runs }) => ({ rate, runs })),
      targets: [
        check(
          `live lag p99 < ${TARGET_LAG_P99_MS} ms at ${RATES[0]} webhooks/s`,
          `${round(main.lagP99Ms, 1)} ms`,
          met,
        ),
      ],
      notes,
    } satisfies ScenarioResult;
  },
};

async function lagRun(
  context: BenchContext,
  input: Omit<LagInput, 'webhookUrl' | 'queryOrigin'>,
  run: number,
): Promise<LagOutput> {
  const profiled = run === 1 && input.rate === RATES[0] ? profileArgs(context, 'lag') : [];
  const service = await startService({
    dataDir: join(context.dir, `lag-${input.rate}-${run}`),
    nodeArgs: profiled,
  });
  try {
    const output = await runBenchChild<LagOutput>(join(BENCH, 'lag/lag-child.ts'), {
      ...input,
      webhookUrl: service.webhookUrl,
      queryOrigin: service.queryUrl!,
    } satisfies LagInput);
    console.log(
      `  lag ${input.rate}/s run ${run}: sent ${Math.round(output.achievedRate)}/s, lag p50 ${round(output.lagP50Ms, 1)} ms, p99 ${round(output.lagP99Ms, 1)} ms`,
    );
    return output;
  } finally {
    await service.stop();
  }
}

/** GET /candidates/:id reads a read model; when it is missing, GET /projections. */
async function chooseProbePath(context: BenchContext, notes: string[]): Promise<string> {
  const service = await startService({ dataDir: join(context.dir, 'lag-route') });
  try {
    if (await hasRoute(service.queryUrl!, '/candidates/none')) return CANDIDATE_ROUTE;
  } finally {
    await service.stop();
  }
  notes.push(`GET ${CANDIDATE_ROUTE} is missing: timed GET ${FALLBACK_ROUTE}?minPosition= instead`);
  return FALLBACK_ROUTE;
}

function summarise(runs: LagOutput[]) {
  const of = (pick: (run: LagOutput) => number) => median(runs.map(pick));
  return {
    achievedRate: of((r) => r.achievedRate),
    lagP50Ms: of((r) => r.lagP50Ms),
    lagP99Ms: of((r) => r.lagP99Ms),
    lagMaxMs: of((r) => r.lagMaxMs),
    postP50Ms: of((r) => r.postP50Ms),
    postP99Ms: of((r) => r.postP99Ms),
    probes: of((r) => r.probes),
    // 503: not visible within QUERY_WAIT_TIMEOUT_MS (5 s by default).
    probesNotOk: of((r) => r.probes - (r.probeStatuses['200'] ?? 0)),
    notAccepted: of((r) => r.sent - r.accepted),
    maxBehind: of((r) => r.maxBehind),
  };
}
