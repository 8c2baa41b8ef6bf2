import { basename, join } from 'node:path';
import { runBenchChild } from '../support/child.js';
import { BENCH } from '../support/paths.js';
import { profileArgs } from '../support/profile.js';
import { hasRoute } from '../support/routes.js';
import type { BenchContext, Scenario, ScenarioResult } from '../support/scenario.js';
import { startService, type BenchService } from '../support/service.js';
import { median, round } from '../support/stats.js';
import { printTable } from '../support/table.js';
import { check, verdict } from '../support/targets.js';
import type { LagInput, LagOutput } from './lag-child.js';

export const TARGET_LAG_P99_MS = 100;
/** The rate, then a lower one (informational) that shows the lag when ingest keeps up. */
const RATES = [1000, 200];

/**
 * How the service runs: all roles in one process (what `npm start` does), or ingest in one
 * process and the projector with the query API in another, on the same data directory.
 */
interface Deployment {
  name: string;
  /** The roles of each process, started in this order; undefined: all. */
  roles: (string | undefined)[];
}

const DEPLOYMENTS: Deployment[] = [
  { name: 'one process', roles: [undefined] },
  { name: 'two processes', roles: ['ingest', 'projector,query'] },
];

interface LagRow {
  deployment: string;
  rate: number;
  runs: LagOutput[];
  figures: ReturnType<typeof summarise>;
}

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
    const rows: LagRow[] = [];
    for (const deployment of DEPLOYMENTS) {
      for (const rate of RATES) {
        const runs: LagOutput[] = [];
        for (let run = 1; run <= context.runs; run++) {
          runs.push(await lagRun(context, deployment, { ...plan, rate, probePath }, run));
        }
        rows.push({ deployment: deployment.name, rate, runs, figures: summarise(runs) });
      }
    }
    const mains = rows.filter(({ rate }) => rate === RATES[0]);
    const met = (row: LagRow) => row.figures.lagP99Ms < TARGET_LAG_P99_MS;
    printTable(
      `Live lag: 202 to visible via GET ${probePath}?minPosition=, ${plan.durationSec} s per run, median of ${context.runs}`,
      rows.map((row) => ({
        service: row.deployment,
        'asked/s': row.rate,
        'sent/s': Math.round(row.figures.achievedRate),
        'lag p50 ms': round(row.figures.lagP50Ms, 1),
        'lag p99 ms': round(row.figures.lagP99Ms, 1),
        'lag max ms': round(row.figures.lagMaxMs, 1),
        '202 p50 ms': round(row.figures.postP50Ms, 2),
        '202 p99 ms': round(row.figures.postP99Ms, 2),
        probes: row.figures.probes,
        'probes not 200': row.figures.probesNotOk,
        'not 202': row.figures.notAccepted,
        'pacer behind': row.figures.maxBehind,
        [`vs p99 < ${TARGET_LAG_P99_MS} ms`]:
          row.rate === RATES[0] ? verdict(met(row)) : 'informational',
      })),
    );
    return {
      parameters: {
        ...plan,
        rates: RATES,
        probePath: `${probePath}?minPosition=<position of the 202>`,
        probed: `every ${plan.probeEvery}th webhook (a team_candidate_state_changed of a new candidate); the rest rotate through the other fixtures`,
        services: DEPLOYMENTS.map(
          ({ name, roles }) => `${name}: ${roles.map((r) => r ?? 'all roles').join(' | ')}`,
        ),
        service: 'SQLITE_SYNCHRONOUS=FULL, a fresh DATA_DIR per run',
        client:
          'one process, open loop: sends on schedule whatever the answers; "pacer behind" is how far it fell behind the schedule at worst',
      },
      figures: Object.fromEntries(
        rows.map(({ deployment, rate, figures }) => [`${deployment}, ${rate}/s`, figures]),
      ),
      runs: rows.map(({ deployment, rate, runs }) => ({ deployment, rate, runs })),
      targets: mains.map((row) =>
        check(
          `live lag p99 < ${TARGET_LAG_P99_MS} ms at ${RATES[0]} webhooks/s, ${row.deployment}`,
          `${round(row.figures.lagP99Ms, 1)} ms`,
          met(row),
        ),
      ),
      notes,
    } satisfies ScenarioResult;
  },
};

async function lagRun(
  context: BenchContext,
  deployment: Deployment,
  input: Omit<LagInput, 'webhookUrl' | 'queryOrigin'>,
  run: number,
): Promise<LagOutput> {
  const first = run === 1 && input.rate === RATES[0] && deployment === DEPLOYMENTS[0];
  const dataDir = join(context.dir, `lag-${deployment.roles.length}-${input.rate}-${run}`);
  const services: BenchService[] = [];
  try {
    for (const [index, roles] of deployment.roles.entries()) {
      services.push(
        await startService({
          dataDir,
          roles,
          logName: `${basename(dataDir)}-${index + 1}`,
          nodeArgs: first && index === 0 ? profileArgs(context, 'lag') : [],
        }),
      );
    }
    const output = await runBenchChild<LagOutput>(join(BENCH, 'lag/lag-child.ts'), {
      ...input,
      webhookUrl: services.find((service) => service.ingestUrl)!.webhookUrl,
      queryOrigin: services.find((service) => service.queryUrl)!.queryUrl!,
    } satisfies LagInput);
    console.log(
      `  lag ${deployment.name} ${input.rate}/s run ${run}: sent ${Math.round(output.achievedRate)}/s, lag p50 ${round(output.lagP50Ms, 1)} ms, p99 ${round(output.lagP99Ms, 1)} ms`,
    );
    return output;
  } finally {
    for (const service of services) await service.stop();
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
