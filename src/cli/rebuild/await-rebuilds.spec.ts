import type { ProjectionRunner } from '../../projections/runner/projection-runner.js';
import type {
  ProjectionStatus,
  ProjectionStatusService,
} from '../../projections/runner/projection-status.service.js';
import { awaitRebuilds, type RebuildWatch } from './await-rebuilds.js';

const live: ProjectionStatus = {
  name: 'funnel',
  version: 2,
  liveVersion: 1,
  state: 'rebuilding',
  error: null,
  checkpoint: '100',
  head: '100',
  lag: { events: 0, seconds: 0 },
  parked: 0,
  rebuild: {
    version: 2,
    position: '40',
    eventsDone: 40,
    eventsTotal: 100,
    rate: 20,
    startedAt: '2026-03-01T09:00:00.000Z',
  },
};
const swappedIn: ProjectionStatus = { ...live, state: 'live', liveVersion: 2, rebuild: null };
const failed: ProjectionStatus = { ...live, state: 'live', error: 'Error: bug\n  at apply' };

/** A watch over a status service that answers with each of `answers` in turn, then the last. */
function watching(answers: ProjectionStatus[][], signal = new AbortController().signal) {
  const updates: number[] = [];
  let call = 0;
  const status = {
    statuses: async () => answers[Math.min(call++, answers.length - 1)],
    projector: async () => ({ holder: 'host:1:abcdef', acquiredAt: '', expiresAt: '' }),
  } as unknown as ProjectionStatusService;
  const watch: RebuildWatch = {
    status,
    runner: { state: 'standby' } as ProjectionRunner,
    display: { update: (progress) => updates.push(progress.done), stop: () => {} },
    signal,
  };
  return { watch, updates };
}

describe('following rebuilds', () => {
  it('ends when every one has swapped in, counting a swapped-in one as complete', async () => {
    const { watch, updates } = watching([[live], [swappedIn]]);
    const outcome = await awaitRebuilds(['funnel'], watch);
    expect(outcome).toMatchObject({ result: 'done', failures: [] });
    expect(outcome.projectors).toEqual(new Set(['host:1:abcdef']));
    expect(updates).toEqual([40, 100]);
  });

  it('reports a rebuild that stopped on an error once the error has outlasted a pick-up', async () => {
    const { watch } = watching([[live], [failed]]);
    const outcome = await awaitRebuilds(['funnel'], watch);
    expect(outcome).toMatchObject({
      result: 'failed',
      failures: [{ name: 'funnel', error: 'Error: bug\n  at apply' }],
    });
  });

  it('stops following when interrupted', async () => {
    const interrupt = new AbortController();
    const { watch } = watching([[live]], interrupt.signal);
    const following = awaitRebuilds(['funnel'], watch);
    interrupt.abort();
    expect(await following).toMatchObject({ result: 'interrupted' });
  });
});
