import { Logger } from '@nestjs/common';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { loadSettings } from '../../src/config/settings.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { READ_MODEL_PROJECTIONS } from '../../src/projections/read-models.js';
import { ProjectionRunner } from '../../src/projections/runner/projection-runner.js';
import { ProjectionStatusService } from '../../src/projections/runner/projection-status.service.js';
import { runnerOptions } from '../../src/projections/runner/runner-options.js';
import { SqliteReadStore } from '../../src/readstore/sqlite-read-store.js';
import { childInput, report, runChild } from '../support/child-io.js';
import { peakRssMb } from '../support/rss.js';

export interface RebuildInput {
  eventsFile: string;
  dataDir: string;
}

export interface RebuildOutput {
  events: number;
  wallMs: number;
  /** When each read model reached the head, from the start. */
  projectionMs: Record<string, number>;
  /** RSS before the runner started (Node, the compiler hook and the modules loaded). */
  baselineRssMb: number;
  peakRssMb: number;
  readModelsMb: number;
}

/**
 * Builds every read model from scratch, as the projector does on a fresh read store: the
 * projection runner with the service's default settings, over an existing event store file.
 */
runChild(async () => {
  Logger.overrideLogger(['error', 'warn']);
  const { eventsFile, dataDir } = childInput<RebuildInput>();
  const settings = loadSettings({ DATA_DIR: dataDir });
  const options = runnerOptions(settings);
  const store = new SqliteEventStore({
    file: eventsFile,
    synchronous: settings.SQLITE_SYNCHRONOUS,
  });
  const readModels = join(dataDir, 'read-models.sqlite');
  const readStore = new SqliteReadStore(readModels);
  const projections = READ_MODEL_PROJECTIONS;
  const runner = new ProjectionRunner(store, readStore, projections, options);
  const status = new ProjectionStatusService(store, readStore, projections, options);
  const head = await store.headPosition();
  if (!head) throw new Error(`${eventsFile} holds no events`);
  const baselineRssMb = process.memoryUsage.rss() / 2 ** 20;

  const started = performance.now();
  await runner.start();
  const projectionMs: Record<string, number> = {};
  await Promise.all(
    projections.map(async ({ name }) => {
      const { reached } = await status.waitForPosition(head, {
        projections: [name],
        timeoutMs: 3_600_000,
      });
      if (!reached) throw new Error(`${name} did not reach ${head}`);
      projectionMs[name] = Math.round(performance.now() - started);
    }),
  );
  const wallMs = performance.now() - started;
  await runner.stop();
  await readStore.close();
  await store.close();
  report({
    events: Number(head.commit),
    wallMs,
    projectionMs,
    baselineRssMb,
    peakRssMb: peakRssMb() ?? process.resourceUsage().maxRSS / 1024,
    readModelsMb: statSync(readModels).size / 2 ** 20,
  } satisfies RebuildOutput);
});
