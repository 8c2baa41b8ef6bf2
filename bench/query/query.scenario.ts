import { join } from 'node:path';
import { runBenchChild } from '../support/child.js';
import { linkOrCopy } from '../support/files.js';
import { runLoad, type LoadFigures } from '../support/load.js';
import { BENCH } from '../support/paths.js';
import { profileArgs } from '../support/profile.js';
import { hasRoute } from '../support/routes.js';
import type { BenchContext, Scenario, ScenarioResult } from '../support/scenario.js';
import { startService } from '../support/service.js';
import { median, round } from '../support/stats.js';
import { printTable } from '../support/table.js';
import { check, verdict } from '../support/targets.js';
import { cachedHistory, historyOptions } from '../rebuild/history.js';
import type { RebuildInput, RebuildOutput } from '../rebuild/rebuild-child.js';
import { rebuildSizes } from '../rebuild/rebuild.scenario.js';
import { sampleIds } from './sample-ids.js';

export const TARGET_QUERY_P99_MS = 10;

const IDS = 2000;

interface Route {
  name: string;
  /** Checked first: a route the service lacks yet is reported, not measured. */
  probe: string;
  paths(ids: { candidates: string[]; results: string[] }): string[];
}

const ROUTES: Route[] = [
  {
    name: 'GET /candidates/:id/timeline',
    probe: '/candidates/none/timeline',
    paths: ({ candidates }) => candidates.map((id) => `/candidates/${id}/timeline`),
  },
  { name: 'GET /candidates', probe: '/candidates', paths: () => ['/candidates'] },
  {
    name: 'GET /assessment-results/:id',
    probe: '/assessment-results/none',
    paths: ({ results }) => results.map((id) => `/assessment-results/${id}`),
  },
  {
    name: 'GET /assessment-results',
    probe: '/assessment-results',
    paths: () => ['/assessment-results'],
  },
];

export const queryScenario: Scenario = {
  name: 'query',
  async run(context) {
    const built = context.builtData ?? (await buildReadModels(context));
    const dataDir = join(context.dir, 'query-data');
    linkOrCopy(built.eventsFile, join(dataDir, 'events.sqlite'));
    linkOrCopy(join(built.dataDir, 'read-models.sqlite'), join(dataDir, 'read-models.sqlite'));
    const ids = {
      candidates: sampleIds(built.eventsFile, 'teamCandidate', IDS),
      results: sampleIds(built.eventsFile, 'assessmentResult', IDS),
    };
    const load = {
      connections: 50,
      durationSec: context.quick ? 2 : 10,
      warmupSec: context.quick ? 1 : 2,
    };
    const service = await startService({
      dataDir,
      roles: 'query',
      nodeArgs: profileArgs(context, 'query'),
    });
    const origin = service.queryUrl!;
    const measured: { route: Route; runs: LoadFigures[] }[] = [];
    const missing: string[] = [];
    try {
      for (const route of ROUTES) {
        if (!(await hasRoute(origin, route.probe))) missing.push(route.name);
        else measured.push({ route, runs: [] });
      }
      for (let run = 1; run <= context.runs; run++) {
        for (const { route, runs } of measured) {
          runs.push(await runLoad({ ...load, origin, paths: route.paths(ids) }));
        }
        console.log(`  query run ${run} done`);
      }
    } finally {
      await service.stop();
    }
    const figures = Object.fromEntries(
      measured.map(({ route, runs }) => {
        const of = (pick: (f: LoadFigures) => number) => median(runs.map(pick));
        return [
          route.name,
          {
            requestsPerSec: of((f) => f.okPerSec),
            p50Ms: of((f) => f.p50Ms),
            p99Ms: of((f) => f.p99Ms),
            non2xx: of((f) => f.other),
            statuses: runs[runs.length - 1].statuses,
          },
        ];
      }),
    );
    printTable(
      `Query: ${load.connections} concurrent clients, ${load.durationSec} s per route, over the read models of ${built.events.toLocaleString('en-US')} events, median of ${context.runs}`,
      [
        ...measured.map(({ route }) => ({
          route: route.name,
          'requests/s': Math.round(figures[route.name].requestsPerSec),
          'p50 ms': round(figures[route.name].p50Ms, 2),
          'p99 ms': round(figures[route.name].p99Ms, 2),
          'non-2xx': figures[route.name].non2xx,
          [`vs p99 < ${TARGET_QUERY_P99_MS} ms`]: verdict(
            figures[route.name].p99Ms < TARGET_QUERY_P99_MS,
          ),
        })),
        ...missing.map((route) => ({ route, 'requests/s': 'route not there yet' })),
      ],
    );
    return {
      parameters: {
        ...load,
        events: built.events,
        idsPerRoute: IDS,
        service: 'query role alone on the rebuilt read models (a hard link to the same files)',
        routes: ROUTES.map((route) => route.name),
      },
      figures,
      runs: measured.map(({ route, runs }) => ({ route: route.name, runs })),
      targets: measured.map(({ route }) =>
        check(
          `query p99 < ${TARGET_QUERY_P99_MS} ms: ${route.name}`,
          `${round(figures[route.name].p99Ms, 2)} ms`,
          figures[route.name].p99Ms < TARGET_QUERY_P99_MS,
        ),
      ),
      notes: missing.map((route) => `${route} did not exist yet: not measured`),
    } satisfies ScenarioResult;
  },
};

/** When the rebuild scenario has not run: build the largest history's read models once. */
async function buildReadModels(context: BenchContext) {
  const history = await cachedHistory(historyOptions(rebuildSizes(context)[0]));
  const dataDir = join(context.dir, 'query-build');
  console.log(
    `  building the read models of ${history.events.toLocaleString('en-US')} events first`,
  );
  const output = await runBenchChild<RebuildOutput>(join(BENCH, 'rebuild/rebuild-child.ts'), {
    eventsFile: history.file,
    dataDir,
  } satisfies RebuildInput);
  return { dataDir, events: output.events, eventsFile: history.file };
}
