import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { BenchChild } from '../support/child.js';
import { BENCH } from '../support/paths.js';
import { profileArgs } from '../support/profile.js';
import type { BenchContext, Scenario, ScenarioResult } from '../support/scenario.js';
import { median, round } from '../support/stats.js';
import { printTable } from '../support/table.js';
import { check, verdict } from '../support/targets.js';
import { cachedHistory, historyOptions, type CachedHistory } from './history.js';
import type { RebuildInput, RebuildOutput } from './rebuild-child.js';

export const TARGET_EVENTS_PER_SEC = 100_000;
export const TARGET_PEAK_RSS_MB = 256;

export interface RebuildRun extends RebuildOutput {
  /** The higher of the child's own VmHWM and the parent's samples of it. */
  peakRssMb: number;
}

/**
 * The issue asks for 1,000,000 and 100,000 events, but at this runner's speed on a 2-core
 * machine three runs of 1,000,000 take over half an hour: the full run uses 250,000 and
 * 25,000 (a tenth of those with --quick); --rebuild-events 1000000 measures the sizes.
 */
export const FULL_REBUILD_EVENTS = 250_000;

export function rebuildSizes(context: BenchContext): number[] {
  const largest = context.rebuildEvents ?? FULL_REBUILD_EVENTS / (context.quick ? 10 : 1);
  return [largest, Math.round(largest / 10)];
}

export const rebuildScenario: Scenario = {
  name: 'rebuild',
  async run(context) {
    const sizes = rebuildSizes(context);
    const results = [];
    for (const size of sizes) {
      const history = await cachedHistory(historyOptions(size));
      const keep = size === sizes[0];
      const runs = await rebuildRuns(context, history, keep);
      results.push({ history, runs, ...summarise(runs) });
    }
    const [large, small] = results;
    const growth = {
      events: round(large.events / small.events, 2),
      wallTime: round(large.wallMs / small.wallMs, 2),
      peakRss: round(large.peakRssMb / small.peakRssMb, 2),
    };
    const targets = results.flatMap((result) => [
      check(
        `rebuild ${label(result.events)} events: >= ${TARGET_EVENTS_PER_SEC.toLocaleString('en-US')} events/s`,
        `${Math.round(result.eventsPerSec).toLocaleString('en-US')} events/s`,
        result.eventsPerSec >= TARGET_EVENTS_PER_SEC,
      ),
      check(
        `rebuild ${label(result.events)} events: peak RSS < ${TARGET_PEAK_RSS_MB} MB`,
        `${Math.round(result.peakRssMb)} MB`,
        result.peakRssMb < TARGET_PEAK_RSS_MB,
      ),
    ]);
    printTable(
      `Rebuild: every read model from scratch, median of ${context.runs} run(s)`,
      results.map((result) => ({
        events: result.events,
        candidates: result.history.candidates,
        'wall s': round(result.wallMs / 1000, 2),
        'events/s': Math.round(result.eventsPerSec),
        'peak RSS MB': Math.round(result.peakRssMb),
        'RSS at start MB': Math.round(result.baselineRssMb),
        'read models MB': Math.round(result.readModelsMb),
        'vs target (events/s, RSS)': `${verdict(result.eventsPerSec >= TARGET_EVENTS_PER_SEC)}, ${verdict(result.peakRssMb < TARGET_PEAK_RSS_MB)}`,
      })),
    );
    printTable(
      'Rebuild: when each read model reached the head (median s, largest history)',
      Object.entries(large.projectionMs).map(([projection, ms]) => ({
        projection,
        s: round(ms / 1000, 2),
      })),
    );
    console.log(
      `Growth from ${label(small.events)} to ${label(large.events)} events: ${growth.events}x the events, ${growth.wallTime}x the wall time, ${growth.peakRss}x the peak RSS`,
    );
    return {
      parameters: {
        sizes: results.map((result) => ({
          events: result.events,
          generator: result.history.options,
          generatorModule: result.history.generator,
        })),
        runner:
          'ProjectionRunner with the default settings (PROJECTION_BATCH_SIZE 500), all six read models, a fresh read store per run',
        runs: context.runs,
      },
      figures: {
        sizes: results.map(({ history, runs: _runs, ...figures }) => ({
          ...figures,
          candidates: history.candidates,
          historyGeneratedS: history.cached
            ? 'cached'
            : round((history.generateMs + history.writeMs) / 1000, 1),
        })),
        growth,
      },
      runs: results.map((result) => ({ events: result.events, runs: result.runs })),
      targets,
      notes: [],
    } satisfies ScenarioResult;
  },
};

/** Rebuilds `history` context.runs times; keeps the last run's read models when asked. */
async function rebuildRuns(context: BenchContext, history: CachedHistory, keep: boolean) {
  const runs: RebuildRun[] = [];
  for (let run = 1; run <= context.runs; run++) {
    const dataDir = join(context.dir, `rebuild-${history.events}-${run}`);
    const profiled = keep && run === 1 ? profileArgs(context, 'rebuild') : [];
    const child = new BenchChild(
      join(BENCH, 'rebuild/rebuild-child.ts'),
      { eventsFile: history.file, dataDir } satisfies RebuildInput,
      { nodeArgs: profiled },
    );
    const output = await child.result<RebuildOutput>();
    const peakRssMb = Math.max(output.peakRssMb, child.peakRssMb() ?? 0);
    runs.push({ ...output, peakRssMb });
    console.log(
      `  rebuild ${label(output.events)} run ${run}: ${round(output.wallMs / 1000, 2)} s, peak RSS ${Math.round(peakRssMb)} MB`,
    );
    const last = run === context.runs;
    if (keep && last)
      context.builtData = { dataDir, events: output.events, eventsFile: history.file };
    else rmSync(dataDir, { recursive: true, force: true });
  }
  return runs;
}

function summarise(runs: RebuildRun[]) {
  const events = runs[0].events;
  const wallMs = median(runs.map((run) => run.wallMs));
  const names = Object.keys(runs[0].projectionMs);
  return {
    events,
    wallMs,
    eventsPerSec: median(runs.map((run) => run.events / (run.wallMs / 1000))),
    peakRssMb: median(runs.map((run) => run.peakRssMb)),
    baselineRssMb: median(runs.map((run) => run.baselineRssMb)),
    readModelsMb: median(runs.map((run) => run.readModelsMb)),
    projectionMs: Object.fromEntries(
      names.map((name) => [name, median(runs.map((run) => run.projectionMs[name]))]),
    ),
  };
}

function label(events: number): string {
  return events >= 1_000_000 ? `${round(events / 1_000_000, 2)}M` : `${round(events / 1000, 1)}k`;
}
