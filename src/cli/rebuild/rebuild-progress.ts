import type { ProjectionStatus } from '../../projections/runner/projection-status.service.js';

/** How far the requested rebuilds have got, all of them together. */
export interface Progress {
  done: number;
  /** Null when the store's positions do not count events (EventStoreDB). */
  total: number | null;
  /** Events per second, all rebuilds together; null before their first batches. */
  rate: number | null;
  /** Seconds left at that rate; null when unknown. */
  etaSeconds: number | null;
  swappedIn: number;
  projections: number;
}

/** True once the projection's rebuild has replaced its live tables. */
function isSwappedIn(status: ProjectionStatus): boolean {
  return status.rebuild === null && status.liveVersion === status.version;
}

/**
 * Follows rebuilds through their projections' statuses. A rebuild's progress vanishes with
 * its bookkeeping when it swaps in, so the last progress seen stands for it, as complete.
 */
export class ProgressTracker {
  private readonly seen = new Map<string, { done: number; total: number | null }>();

  update(statuses: readonly ProjectionStatus[]): Progress {
    const progress: Progress = {
      done: 0,
      total: 0,
      rate: null,
      etaSeconds: null,
      swappedIn: 0,
      projections: statuses.length,
    };
    for (const status of statuses) {
      if (status.rebuild) {
        const { eventsDone, eventsTotal, rate } = status.rebuild;
        this.seen.set(status.name, { done: eventsDone, total: eventsTotal });
        if (rate !== null) progress.rate = (progress.rate ?? 0) + rate;
      }
      const { done, total } = this.seen.get(status.name) ?? { done: 0, total: 0 };
      const swapped = isSwappedIn(status);
      progress.swappedIn += swapped ? 1 : 0;
      progress.done += swapped ? (total ?? done) : done;
      progress.total = progress.total === null || total === null ? null : progress.total + total;
    }
    if (progress.total !== null && progress.rate) {
      progress.etaSeconds = Math.max(0, progress.total - progress.done) / progress.rate;
    }
    return progress;
  }
}
