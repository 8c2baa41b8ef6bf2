import { join } from 'node:path';
import type { LoadFigures, LoadPlan } from './autocannon-child.js';
import { runBenchChild } from './child.js';
import { BENCH } from './paths.js';

export type { LoadFigures, LoadPlan };

/** Runs autocannon in its own process, so the load generator never shares the server's. */
export function runLoad(plan: LoadPlan): Promise<LoadFigures & { warmupOk: number }> {
  return runBenchChild(join(BENCH, 'support/autocannon-child.ts'), plan);
}
