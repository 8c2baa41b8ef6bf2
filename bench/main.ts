import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { esdbScenario } from './esdb/esdb.scenario.js';
import { ingestScenario } from './ingest/ingest.scenario.js';
import { lagScenario } from './lag/lag.scenario.js';
import { queryScenario } from './query/query.scenario.js';
import { rebuildScenario } from './rebuild/rebuild.scenario.js';
import { spoolScenario } from './spool/spool.scenario.js';
import { compileForChildren } from './support/compile.js';
import { busyShare, describeMachine } from './support/machine.js';
import { CACHE, RESULTS_FILE, runDir } from './support/paths.js';
import type { BenchContext, Scenario, ScenarioResult } from './support/scenario.js';
import { printTable } from './support/table.js';
import { verdict } from './support/targets.js';

/** Share of the CPU busy with other work above which a scenario's figures are flagged. */
const BUSY_WARNING = 0.15;

const SCENARIOS: Scenario[] = [
  ingestScenario,
  rebuildScenario,
  lagScenario,
  queryScenario,
  esdbScenario,
  spoolScenario,
];

const USAGE = `npm run bench [-- options]
  --quick          a tenth of the sizes and one run of each: proves it runs, not for figures
  --only a,b       run only these scenarios: ${SCENARIOS.map((s) => s.name).join(', ')}
  --runs N         measured runs per figure (default 3, 1 with --quick)
  --rebuild-events N
                   the largest rebuild history (default 250000, 25000 with --quick; the
                   issue's size is 1000000); the other is a tenth of it
  --profile        write CPU profiles of the measured child processes to bench/.cache/profiles
  --keep           keep this run's data directories under bench/.cache/runs`;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    runs: { type: 'string' },
    'rebuild-events': { type: 'string' },
    profile: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const only = values.only?.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => !SCENARIOS.some((scenario) => scenario.name === name));
if (unknown?.length) {
  console.error(`Unknown scenario(s): ${unknown.join(', ')}\n${USAGE}`);
  process.exit(2);
}

mkdirSync(CACHE, { recursive: true });
const context: BenchContext = {
  quick: values.quick,
  runs: Number(values.runs ?? (values.quick ? 1 : 3)),
  dir: runDir(),
  rebuildEvents: values['rebuild-events'] ? Number(values['rebuild-events']) : undefined,
  profile: values.profile,
};
const results = {
  startedAt: new Date().toISOString(),
  finishedAt: null as string | null,
  mode: context.quick ? 'quick' : 'full',
  machine: describeMachine(),
  runsPerFigure: context.runs,
  scenarios: {} as Record<string, (ScenarioResult | { error: string }) & { busyBefore?: number }>,
};
const save = () => writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);

console.log(
  `Bench (${results.mode}) on ${results.machine.cpuModel}, ${results.machine.cores} cores, ${results.machine.memoryGb} GB, Node ${results.machine.node}`,
);
await compileForChildren();
let failed = false;
for (const scenario of SCENARIOS.filter((s) => !only || only.includes(s.name))) {
  const started = Date.now();
  console.log(`\n== ${scenario.name} ==`);
  const busyBefore = await busyShare();
  if (busyBefore > BUSY_WARNING) {
    console.warn(
      `WARNING: ${Math.round(busyBefore * 100)}% of the CPU was busy with other work before ${scenario.name}: its figures are not reliable`,
    );
  }
  try {
    results.scenarios[scenario.name] = { ...(await scenario.run(context)), busyBefore };
  } catch (error) {
    failed = true;
    console.error(`${scenario.name} failed:`, error);
    results.scenarios[scenario.name] = {
      error: String((error as Error)?.stack ?? error),
      busyBefore,
    };
  }
  console.log(`(${scenario.name}: ${Math.round((Date.now() - started) / 1000)} s)`);
  save();
}
results.finishedAt = new Date().toISOString();
save();

printTable(
  'Targets (a miss is information, not a failure)',
  Object.entries(results.scenarios).flatMap(([name, result]) =>
    'targets' in result
      ? result.targets.map(({ target, measured, met }) => ({
          scenario: name,
          target,
          measured,
          stands: verdict(met),
        }))
      : [{ scenario: name, target: 'scenario failed', measured: '', stands: '' }],
  ),
);
console.log(`\nResults in bench/results.json`);
if (!values.keep) rmSync(context.dir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
