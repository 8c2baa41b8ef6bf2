import { useProjectionHarness } from '../../../test/support/projection-harness.js';
import { at, objectId } from '../../../test/support/scenario.js';
import { fixtureEvent } from '../../../test/support/stored-events.js';
import { redelivery } from '../../simulation/stored-events.js';
import { candidateTimelineProjection } from './candidate-timeline.projection.js';
import { candidateStateAt, getCandidateTimeline } from './candidate-timeline.reader.js';

const ada = objectId('candidate', 1);
const result = objectId('result', 1);

function stateChanged(state: string, prevState: string, minute: number, eventName?: string) {
  return fixtureEvent('team_candidate_state_changed', {
    receivedAt: at(minute),
    eventName,
    patch: { id: ada, state, prev_state: prevState },
  });
}

function resultEvent(
  type: 'assessment_result_started' | 'assessment_result_submitted',
  minute: number,
  candidate: { prev_state: string; state: string },
  eventName?: string,
) {
  return fixtureEvent(type, {
    receivedAt: at(minute),
    eventName,
    patch: { id: result, team_candidate: { id: ada, ...candidate } },
  });
}

describe('candidate timeline projection', () => {
  const harness = useProjectionHarness(candidateTimelineProjection);
  const timeline = async () => (await getCandidateTimeline(harness().store, ada)).items;
  const transitions = async () =>
    (await timeline())
      .filter((entry) => entry.kind === 'transition')
      .map((entry) => [entry.from, entry.to, entry.expected]);

  it('records each transition with its time, event and the name it was sent under', async () => {
    const invited = stateChanged('invited', 'idle', 0, 'team_candidate.created');
    await harness().given([invited, stateChanged('started', 'invited', 30)]);

    expect(await timeline()).toEqual([
      {
        seq: 1,
        kind: 'transition',
        from: 'idle',
        to: 'invited',
        expected: null,
        label: null,
        resultId: null,
        reviewId: null,
        reviewState: null,
        at: at(0),
        eventId: invited.id,
        eventType: 'team_candidate_state_changed',
        eventName: 'team_candidate.created',
      },
      expect.objectContaining({ seq: 2, from: 'invited', to: 'started', at: at(30) }),
    ]);
  });

  it('adds no transition when a result repeats the state a candidate event reported', async () => {
    await harness().given([
      stateChanged('invited', 'idle', 0),
      stateChanged('started', 'invited', 30),
      resultEvent(
        'assessment_result_started',
        31,
        { prev_state: 'invited', state: 'started' },
        'team_candidate.started_assessment',
      ),
      resultEvent(
        'assessment_result_submitted',
        90,
        { prev_state: 'started', state: 'submitted' },
        'team_candidate_submitted_assessment',
      ),
    ]);

    expect(await timeline()).toEqual([
      expect.objectContaining({ to: 'invited' }),
      expect.objectContaining({ to: 'started', resultId: null }),
      expect.objectContaining({
        from: 'started',
        to: 'submitted',
        resultId: result,
        eventType: 'assessment_result_submitted',
        eventName: 'team_candidate_submitted_assessment',
      }),
    ]);
  });

  it('marks a transition whose prev_state does not follow as a gap, naming the expected state', async () => {
    await harness().given([
      stateChanged('invited', 'idle', 0),
      stateChanged('submitted', 'started', 90),
      stateChanged('reviewed', 'submitted', 200),
    ]);

    expect(await transitions()).toEqual([
      ['idle', 'invited', null],
      ['started', 'submitted', 'invited'],
      ['submitted', 'reviewed', null],
    ]);
  });

  it('adds nothing for a repeated delivery', async () => {
    const invited = stateChanged('invited', 'idle', 0);
    await harness().given([
      invited,
      stateChanged('started', 'invited', 30),
      redelivery(invited, { receivedAt: at(31), eventName: 'team_candidate.created' }),
    ]);
    expect((await timeline()).map((entry) => entry.to)).toEqual(['invited', 'started']);
  });

  it('records a late result delivery as late, not as a transition', async () => {
    await harness().given([
      resultEvent('assessment_result_submitted', 90, { prev_state: 'started', state: 'submitted' }),
      resultEvent('assessment_result_started', 91, { prev_state: 'invited', state: 'started' }),
    ]);

    expect((await timeline()).map((entry) => [entry.kind, entry.from, entry.to])).toEqual([
      ['transition', 'started', 'submitted'],
      ['late', 'invited', 'started'],
    ]);
    expect((await candidateStateAt(harness().store, ada, at(100)))?.state).toBe('submitted');
  });

  it('records a late result delivery as late also after the candidate moved on', async () => {
    await harness().given([
      resultEvent('assessment_result_submitted', 90, { prev_state: 'started', state: 'submitted' }),
      stateChanged('reviewed', 'submitted', 200),
      resultEvent('assessment_result_started', 201, { prev_state: 'invited', state: 'started' }),
    ]);
    expect((await timeline()).map((entry) => [entry.kind, entry.to])).toEqual([
      ['transition', 'submitted'],
      ['transition', 'reviewed'],
      ['late', 'started'],
    ]);
  });

  it('records the late transition into a state the candidate has left as late', async () => {
    await harness().given([
      stateChanged('invited', 'idle', 0),
      stateChanged('submitted', 'started', 90),
      stateChanged('started', 'invited', 91),
    ]);
    expect((await timeline()).map((entry) => [entry.kind, entry.to, entry.expected])).toEqual([
      ['transition', 'invited', null],
      ['transition', 'submitted', 'invited'],
      ['late', 'started', null],
    ]);
  });

  it('answers what the state was at a time', async () => {
    await harness().given([
      stateChanged('invited', 'idle', 0),
      stateChanged('started', 'invited', 30),
      stateChanged('submitted', 'started', 90),
    ]);
    const stateAt = (minute: number) => candidateStateAt(harness().store, ada, at(minute));

    expect(await stateAt(-1)).toBeUndefined();
    expect(await stateAt(0)).toMatchObject({ state: 'invited', since: at(0) });
    expect((await stateAt(89))?.state).toBe('started');
    expect((await stateAt(90))?.state).toBe('submitted');
    await expect(candidateStateAt(harness().store, ada, 'yesterday')).rejects.toThrow(RangeError);
  });

  it('records labels added and removed', async () => {
    await harness().given([
      fixtureEvent('team_candidate_label_added', {
        receivedAt: at(5),
        eventName: 'team_candidate.label_added',
        patch: { id: ada },
      }),
      fixtureEvent('team_candidate_label_removed', { receivedAt: at(6), patch: { id: ada } }),
    ]);
    expect((await timeline()).map((entry) => [entry.kind, entry.label ?? entry.to])).toEqual([
      ['transition', 'submitted'],
      ['label_added', 'backend'],
      ['label_removed', 'backend'],
    ]);
  });

  it('keeps the history of a review, also after it is destroyed', async () => {
    const review = { team_candidate_id: ada, assessment_result_id: result };
    await harness().given([
      fixtureEvent('assessment_result_review_created', { receivedAt: at(100), patch: review }),
      fixtureEvent('assessment_result_review_updated', { receivedAt: at(110), patch: review }),
      fixtureEvent('assessment_result_review_destroyed', {
        receivedAt: at(120),
        eventName: 'assessment_result_review.destroyed',
        patch: review,
      }),
    ]);
    expect(
      (await timeline()).map((entry) => [entry.kind, entry.reviewState, entry.eventName]),
    ).toEqual([
      ['review', 'invited', 'assessment_result_review_created'],
      ['review', 'started', 'assessment_result_review_updated'],
      ['review', 'started', 'assessment_result_review.destroyed'],
    ]);
  });

  it('pages through a long timeline in order', async () => {
    const states = ['invited', 'started', 'submitted', 'reviewed', 'approved'];
    await harness().given(
      states.map((state, i) => stateChanged(state, states[i - 1] ?? 'idle', i)),
    );

    const first = await getCandidateTimeline(harness().store, ada, { limit: 2 });
    const second = await getCandidateTimeline(harness().store, ada, {
      limit: 2,
      after: first.next,
    });
    const third = await getCandidateTimeline(harness().store, ada, {
      limit: 2,
      after: second.next,
    });
    expect([...first.items, ...second.items, ...third.items].map((entry) => entry.to)).toEqual(
      states,
    );
    expect(third.next).toBeNull();
  });
});
