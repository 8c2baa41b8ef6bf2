import type { TargetCheck } from './targets.js';

export interface BenchContext {
  quick: boolean;
  /** Measured runs per figure; the figures are their medians. */
  runs: number;
  /** This bench run's scratch directory. */
  dir: string;
  /** The largest rebuild history (--rebuild-events); the scenario's default when unset. */
  rebuildEvents?: number;
  /** Run the measured child processes under --cpu-prof (profiles in bench/.cache/profiles). */
  profile: boolean;
  /** Read models built by the rebuild scenario, for the query scenario to serve. */
  builtData?: { dataDir: string; events: number; eventsFile: string };
}

export interface ScenarioResult {
  parameters: Record<string, unknown>;
  figures: Record<string, unknown>;
  runs: unknown[];
  targets: TargetCheck[];
  notes: string[];
}

export interface Scenario {
  name: string;
  run(context: BenchContext): Promise<ScenarioResult>;
}
