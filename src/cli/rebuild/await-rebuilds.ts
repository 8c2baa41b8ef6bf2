import { setTimeout as sleep } from 'node:timers/promises';
import type { ProjectionRunner } from '../../projections/runner/projection-runner.js';
import type {
  ProjectionStatus,
  ProjectionStatusService,
} from '../../projections/runner/projection-status.service.js';
import type { ProgressDisplay } from './progress-display.js';
import { ProgressTracker, type Progress } from './rebuild-progress.js';

export interface RebuildOutcome {
  /** done: all swapped in; failed: some stopped on an error; interrupted: asked to stop. */
  result: 'done' | 'failed' | 'interrupted';
  progress: Progress;
  failures: { name: string; error: string }[];
  /** Who did the work: 'this process', or the holder of the lease in another one. */
  projectors: Set<string>;
}

export interface RebuildWatch {
  status: ProjectionStatusService;
  /** This process's runner: active when it holds the lease, else on standby. */
  runner: ProjectionRunner;
  display: ProgressDisplay;
  signal: AbortSignal;
}

const POLL_MS = 250;
/** A projector picks a request up within half a second; until then a state predates it. */
const FAILURE_GRACE_MS = 2000;

/** Follows the rebuilds of the named projections until all have swapped in, or one failed. */
export async function awaitRebuilds(names: string[], watch: RebuildWatch): Promise<RebuildOutcome> {
  const tracker = new ProgressTracker();
  const failing = new FailureWatch();
  const projectors = new Set<string>();
  for (;;) {
    const statuses = await watch.status.statuses(names);
    const progress = tracker.update(statuses);
    const projector = await projectorName(watch);
    if (projector) projectors.add(projector);
    watch.display.update(progress);
    const failures = failing.update(statuses);
    if (failures.length > 0) return { result: 'failed', progress, failures, projectors };
    if (progress.swappedIn === names.length) {
      return { result: 'done', progress, failures, projectors };
    }
    if (!(await pause(watch.signal))) {
      return { result: 'interrupted', progress, failures, projectors };
    }
  }
}

/** Who projects now; undefined in the moment between one holder and the next. */
async function projectorName({ runner, status }: RebuildWatch): Promise<string | undefined> {
  if (runner.state === 'active') return 'this process';
  return (await status.projector())?.holder;
}

/** Waits a poll interval; false when aborted. */
async function pause(signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(POLL_MS, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/**
 * A rebuild has failed when its projection reports an error while the rebuild waits and no
 * longer runs, for longer than the projector takes to pick a request up.
 */
class FailureWatch {
  private readonly since = new Map<string, number>();

  update(statuses: readonly ProjectionStatus[]): { name: string; error: string }[] {
    const now = Date.now();
    const failures = [];
    for (const status of statuses) {
      const failed =
        status.rebuild !== null && status.error !== null && status.state !== 'rebuilding';
      if (!failed) this.since.delete(status.name);
      else if (!this.since.has(status.name)) this.since.set(status.name, now);
      else if (now - this.since.get(status.name)! >= FAILURE_GRACE_MS) {
        failures.push({ name: status.name, error: status.error! });
      }
    }
    return failures;
  }
}
