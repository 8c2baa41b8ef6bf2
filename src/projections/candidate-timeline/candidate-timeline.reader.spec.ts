import { useProjectionHarness } from '../../../test/support/projection-harness.js';
import { at, objectId } from '../../../test/support/scenario.js';
import { fixtureEvent } from '../../../test/support/stored-events.js';
import { MAX_PAGE_SIZE } from '../shared/pagination.js';
import { candidateTimelineProjection } from './candidate-timeline.projection.js';
import { getCandidateTimeline, timelineEntries } from './candidate-timeline.reader.js';

const ada = objectId('candidate', 1);

const stateChanged = (state: string, prevState: string, minute: number) =>
  fixtureEvent('team_candidate_state_changed', {
    receivedAt: at(minute),
    patch: { id: ada, state, prev_state: prevState },
  });

const labelAdded = (label: string, minute: number) =>
  fixtureEvent('team_candidate_label_added', {
    receivedAt: at(minute),
    patch: { id: ada, state: 'invited', prev_state: 'idle', added_label: label },
  });

async function collect<T>(entries: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const entry of entries) all.push(entry);
  return all;
}

describe('reading a candidate timeline as of a time', () => {
  const harness = useProjectionHarness(candidateTimelineProjection);

  beforeEach(async () => {
    await harness().given([
      stateChanged('invited', 'idle', 0),
      stateChanged('started', 'invited', 10),
      stateChanged('submitted', 'started', 20),
    ]);
  });

  const states = async (asOf: string, limit?: number) =>
    (await getCandidateTimeline(harness().store, ada, { asOf, limit })).items.map((e) => e.to);

  it('leaves out the entries received after the time', async () => {
    expect(await states(at(10))).toEqual(['invited', 'started']);
    expect(await states(at(9))).toEqual(['invited']);
    expect(await states(at(-1))).toEqual([]);
    expect(await states(at(60))).toEqual(['invited', 'started', 'submitted']);
  });

  it('reads a time in any zone', async () => {
    expect(await states('2024-01-12T17:10:00+02:00')).toEqual(['invited', 'started']);
  });

  it('pages within the time', async () => {
    const first = await getCandidateTimeline(harness().store, ada, { asOf: at(10), limit: 1 });
    const second = await getCandidateTimeline(harness().store, ada, {
      asOf: at(10),
      limit: 1,
      after: first.next,
    });
    expect([...first.items, ...second.items].map((e) => e.to)).toEqual(['invited', 'started']);
    expect(second.next).toBeNull();
  });

  it('reads the whole timeline as a sequence, also as of a time', async () => {
    const all = await collect(timelineEntries(harness().store, ada));
    expect(all.map((e) => e.to)).toEqual(['invited', 'started', 'submitted']);
    const then = await collect(timelineEntries(harness().store, ada, { asOf: at(10) }));
    expect(then.map((e) => e.to)).toEqual(['invited', 'started']);
  });
});

describe('reading a long candidate timeline', () => {
  const harness = useProjectionHarness(candidateTimelineProjection);

  it('reads every entry of a timeline longer than a page, in order', async () => {
    const labels = Array.from({ length: MAX_PAGE_SIZE + 10 }, (_, i) => labelAdded(`l${i}`, i));
    await harness().given(labels);
    const all = await collect(timelineEntries(harness().store, ada));
    // The first delivery also records the transition into the state it reports.
    expect(all).toHaveLength(labels.length + 1);
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    expect(all.at(-1)?.label).toBe(`l${labels.length - 1}`);
  });
});
