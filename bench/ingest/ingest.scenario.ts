import Database from 'better-sqlite3';
import { join } from 'node:path';
import { BenchChild } from '../support/child.js';
import { runLoad, type LoadFigures, type LoadPlan } from '../support/load.js';
import { BENCH } from '../support/paths.js';
import { profileArgs } from '../support/profile.js';
import type { BenchContext, Scenario, ScenarioResult } from '../support/scenario.js';
import { startService } from '../support/service.js';
import { median, round } from '../support/stats.js';
import { printTable } from '../support/table.js';
import { check, verdict } from '../support/targets.js';

export const TARGET_SHARE_OF_BARE = 0.5;

type Target = 'ledger (ingest role)' | 'ledger (all roles)' | 'bare Fastify';
type IngestRun = Record<Target, LoadFigures & { stored?: number; accepted?: number }>;

export const ingestScenario: Scenario = {
  name: 'ingest',
  async run(context) {
    const load = {
      connections: 32,
      durationSec: context.quick ? 2 : 10,
      warmupSec: context.quick ? 1 : 3,
    };
    const runs: IngestRun[] = [];
    for (let run = 1; run <= context.runs; run++) {
      // Alternated within each run, so that drift in the machine touches all three alike.
      const ingestOnly = await loadLedger(context, load, run, 'ingest');
      const bare = await loadBare(load);
      const allRoles = await loadLedger(context, load, run, 'ingest,projector,query');
      runs.push({
        'ledger (ingest role)': ingestOnly,
        'bare Fastify': bare,
        'ledger (all roles)': allRoles,
      });
      console.log(
        `  ingest run ${run}: ledger ${Math.round(ingestOnly.okPerSec)}/s, all roles ${Math.round(allRoles.okPerSec)}/s, bare ${Math.round(bare.okPerSec)}/s`,
      );
    }
    const targets = Object.keys(runs[0]) as Target[];
    const figures = Object.fromEntries(
      targets.map((target) => {
        const of = (pick: (f: LoadFigures) => number) => median(runs.map((r) => pick(r[target])));
        return [
          target,
          {
            webhooksPerSec: of((f) => f.okPerSec),
            p50Ms: of((f) => f.p50Ms),
            p99Ms: of((f) => f.p99Ms),
            non2xx: of((f) => f.other),
            errors: of((f) => f.errors),
            // Each run's own ratio: both measured minutes apart on the same machine.
            ofBare: median(runs.map((r) => r[target].okPerSec / r['bare Fastify'].okPerSec)),
          },
        ];
      }),
    );
    const share = figures['ledger (ingest role)'].ofBare;
    printTable(
      `Ingest: POST /webhooks/qualified/<token>, ${load.connections} connections, ${load.durationSec} s per run, median of ${context.runs}`,
      targets.map((target) => ({
        server: target,
        'webhooks/s': Math.round(figures[target].webhooksPerSec),
        'p50 ms': round(figures[target].p50Ms, 2),
        'p99 ms': round(figures[target].p99Ms, 2),
        'non-2xx': figures[target].non2xx,
        errors: figures[target].errors,
        'vs bare': `${Math.round(figures[target].ofBare * 100)}%`,
      })),
    );
    console.log(
      `Target: ledger (ingest role) >= ${TARGET_SHARE_OF_BARE * 100}% of bare: ${Math.round(share * 100)}%, ${verdict(share >= TARGET_SHARE_OF_BARE)}`,
    );
    const lost = runs.flatMap((r) =>
      (['ledger (ingest role)', 'ledger (all roles)'] as const).filter(
        // Requests still in flight when autocannon stops may be stored without being counted.
        (t) => (r[t].stored ?? 0) < (r[t].accepted ?? 0),
      ),
    );
    return {
      parameters: {
        ...load,
        bodies: 'every test/fixtures/webhooks body in turn, each with a new data.id',
        store: 'embedded SQLite, SQLITE_SYNCHRONOUS=FULL (default), a fresh DATA_DIR per run',
        logging: 'LOG_LEVEL=info (default), JSON lines to a file',
        loadGenerator: 'autocannon in its own process',
      },
      figures,
      runs,
      targets: [
        check(
          `ingest >= ${TARGET_SHARE_OF_BARE * 100}% of a bare Fastify handler`,
          `${Math.round(share * 100)}%`,
          share >= TARGET_SHARE_OF_BARE,
        ),
      ],
      notes: lost.length
        ? [`fewer events stored than 202s counted in: ${lost.join(', ')}`]
        : ['every 202 counted was in the event store after each run'],
    } satisfies ScenarioResult;
  },
};

async function loadLedger(
  context: BenchContext,
  load: Pick<LoadPlan, 'connections' | 'durationSec' | 'warmupSec'>,
  run: number,
  roles: string,
) {
  const dataDir = join(context.dir, `ingest-${roles === 'ingest' ? 'role' : 'all'}-${run}`);
  const profiled = run === 1 && roles === 'ingest' ? profileArgs(context, 'ingest') : [];
  const service = await startService({ dataDir, roles, nodeArgs: profiled });
  const url = new URL(service.webhookUrl);
  const figures = await runLoad({ ...load, origin: url.origin, webhooks: { path: url.pathname } });
  await service.stop();
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  const stored = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events').get()!.n;
  db.close();
  return { ...figures, stored, accepted: figures.ok + figures.warmupOk };
}

async function loadBare(load: Pick<LoadPlan, 'connections' | 'durationSec' | 'warmupSec'>) {
  const server = new BenchChild(join(BENCH, 'ingest/bare-server.ts'), {});
  const { origin } = await server.next<{ origin: string }>();
  const figures = await runLoad({
    ...load,
    origin,
    webhooks: { path: '/webhooks/qualified/bare' },
  });
  await server.stop();
  return figures;
}
