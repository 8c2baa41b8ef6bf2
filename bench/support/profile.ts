import { mkdirSync } from 'node:fs';
import { PROFILES } from './paths.js';
import type { BenchContext } from './scenario.js';

/** Node flags that write a CPU profile of the child named `name` when profiling is on. */
export function profileArgs(context: BenchContext, name: string): string[] {
  if (!context.profile) return [];
  mkdirSync(PROFILES, { recursive: true });
  return [
    '--cpu-prof',
    `--cpu-prof-dir=${PROFILES}`,
    `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`,
  ];
}
