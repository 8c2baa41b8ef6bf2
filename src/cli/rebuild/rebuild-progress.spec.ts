import type { ProjectionStatus } from '../../projections/runner/projection-status.service.js';
import { progressLine } from './progress-display.js';
import { ProgressTracker } from './rebuild-progress.js';

function rebuilding(name: string, done: number, total: number | null, rate: number | null) {
  const status: ProjectionStatus = {
    name,
    version: 1,
    liveVersion: 1,
    state: 'rebuilding',
    error: null,
    checkpoint: '1000',
    head: '1000',
    lag: { events: 0, seconds: 0 },
    parked: 0,
    rebuild: {
      version: 1,
      position: null,
      eventsDone: done,
      eventsTotal: total,
      rate,
      startedAt: '',
    },
  };
  return status;
}
const swapped = (status: ProjectionStatus): ProjectionStatus => ({ ...status, rebuild: null });

describe('rebuild progress', () => {
  it('adds the rebuilds up: events done and in all, their rates, the time left', () => {
    const tracker = new ProgressTracker();
    const progress = tracker.update([
      rebuilding('a', 200, 1000, 100),
      rebuilding('b', 600, 1000, 300),
    ]);
    expect(progress).toEqual({
      done: 800,
      total: 2000,
      rate: 400,
      etaSeconds: 3,
      swappedIn: 0,
      projections: 2,
    });
    expect(progressLine(progress)).toBe(
      'Rebuilding: 800/2000 events (40%), 400 events/s, ETA 3 s, 0/2 swapped in',
    );
  });

  it('counts a rebuild that has swapped in as complete', () => {
    const tracker = new ProgressTracker();
    const b = rebuilding('b', 600, 1000, 300);
    tracker.update([rebuilding('a', 200, 1000, 100), b]);
    const progress = tracker.update([rebuilding('a', 500, 1000, 100), swapped(b)]);
    expect(progress).toMatchObject({ done: 1500, total: 2000, rate: 100, swappedIn: 1 });
    expect(progress.etaSeconds).toBe(5);
  });

  it('does without a total where positions do not count events', () => {
    const progress = new ProgressTracker().update([rebuilding('a', 200, null, null)]);
    expect(progress).toMatchObject({ done: 200, total: null, rate: null, etaSeconds: null });
    expect(progressLine(progress)).toBe('Rebuilding: 200 events, ? events/s, 0/1 swapped in');
  });
});
