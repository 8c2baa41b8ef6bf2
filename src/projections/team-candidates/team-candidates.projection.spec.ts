import { useProjectionHarness } from '../../../test/support/projection-harness.js';
import { at, objectId } from '../../../test/support/scenario.js';
import { fixtureEvent } from '../../../test/support/stored-events.js';
import { redelivery } from '../../simulation/stored-events.js';
import { teamCandidatesProjection } from './team-candidates.projection.js';
import { getTeamCandidate, listTeamCandidates } from './team-candidates.reader.js';

const ada = objectId('candidate', 1);
const result = objectId('result', 1);
const assessment = objectId('assessment', 1);

function candidateEvent(
  state: string,
  prevState: string,
  minute: number,
  options: { eventName?: string; id?: string; patch?: Record<string, unknown> } = {},
) {
  return fixtureEvent('team_candidate_state_changed', {
    receivedAt: at(minute),
    eventName: options.eventName,
    patch: {
      id: options.id ?? ada,
      name: 'Ada Lovelace',
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@example.com',
      state,
      prev_state: prevState,
      ...options.patch,
    },
  });
}

function resultEvent(
  type: 'assessment_result_started' | 'assessment_result_submitted',
  minute: number,
  candidate: { prev_state: string; state: string },
) {
  return fixtureEvent(type, {
    receivedAt: at(minute),
    patch: {
      id: result,
      team_candidate: { id: ada, ...candidate },
      assessment: { id: assessment },
    },
  });
}

describe('team candidates projection', () => {
  const harness = useProjectionHarness(teamCandidatesProjection);
  const candidate = (id = ada) => getTeamCandidate(harness().store, id);

  it('keeps who a candidate is, their state and when they were first and last seen', async () => {
    await harness().given([
      candidateEvent('invited', 'idle', 0, { eventName: 'team_candidate.created' }),
      candidateEvent('started', 'invited', 30),
      candidateEvent('submitted', 'started', 95),
    ]);

    expect(await candidate()).toEqual({
      id: ada,
      name: 'Ada Lovelace',
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      anonymousName: 'Candidate 4827',
      state: 'submitted',
      prevState: 'started',
      labels: [],
      testTeamMember: false,
      assessmentResultsCount: 1,
      highestScore: 89.6,
      firstSeenAt: at(0),
      lastActivityAt: at(95),
    });
  });

  it('follows the label list through added and removed labels', async () => {
    await harness().given([
      candidateEvent('invited', 'idle', 0),
      fixtureEvent('team_candidate_label_added', {
        receivedAt: at(5),
        eventName: 'team_candidate.label_added',
        patch: { id: ada, state: 'invited', prev_state: 'idle', labels: ['backend'] },
      }),
      fixtureEvent('team_candidate_label_added', {
        receivedAt: at(6),
        patch: {
          id: ada,
          state: 'invited',
          prev_state: 'idle',
          labels: ['backend', 'senior'],
          added_label: 'senior',
        },
      }),
      fixtureEvent('team_candidate_label_removed', {
        receivedAt: at(7),
        patch: { id: ada, state: 'invited', prev_state: 'idle', labels: ['senior'] },
      }),
    ]);

    expect((await candidate())?.labels).toEqual(['senior']);
    const bySenior = await listTeamCandidates(harness().store, { label: 'senior' });
    expect(bySenior.items.map((c) => c.id)).toEqual([ada]);
    expect((await listTeamCandidates(harness().store, { label: 'backend' })).items).toEqual([]);
  });

  it('adds or removes the label named when a label event has no list', async () => {
    const change = (
      type: 'team_candidate_label_added' | 'team_candidate_label_removed',
      minute: number,
      label: string,
    ) =>
      fixtureEvent(type, {
        receivedAt: at(minute),
        patch: {
          id: ada,
          labels: null,
          [type.endsWith('added') ? 'added_label' : 'removed_label']: label,
        },
      });
    await harness().given([
      change('team_candidate_label_added', 1, 'backend'),
      change('team_candidate_label_added', 2, 'remote'),
      change('team_candidate_label_removed', 3, 'backend'),
    ]);
    expect((await candidate())?.labels).toEqual(['remote']);
  });

  it('keeps the latest activity when deliveries are logged slightly out of time order', async () => {
    await harness().given([
      candidateEvent('started', 'invited', 10),
      candidateEvent('started', 'invited', 9, { patch: { email: 'ada@lovelace.example' } }),
    ]);
    expect(await candidate()).toMatchObject({ lastActivityAt: at(10), firstSeenAt: at(9) });
  });

  it('builds a candidate from the team candidate and person embedded in results', async () => {
    await harness().given([
      resultEvent('assessment_result_started', 10, { prev_state: 'invited', state: 'started' }),
    ]);

    expect(await candidate()).toMatchObject({
      name: 'Maria Okafor',
      email: 'maria.okafor@example.com',
      anonymousName: 'Candidate 4827',
      state: 'started',
      prevState: 'invited',
      assessmentResultsCount: 1,
      highestScore: null,
    });
    const taking = await listTeamCandidates(harness().store, { assessmentId: assessment });
    expect(taking.items.map((c) => c.id)).toEqual([ada]);
  });

  it('raises the result count and best score to the results it has seen', async () => {
    await harness().given([
      candidateEvent('started', 'invited', 0, {
        patch: { assessment_results_count: 0, highest_score: null },
      }),
      resultEvent('assessment_result_submitted', 60, { prev_state: 'started', state: 'submitted' }),
    ]);
    expect(await candidate()).toMatchObject({
      name: 'Ada Lovelace',
      assessmentResultsCount: 1,
      highestScore: 89.6,
    });
  });

  it('changes nothing for a repeated delivery, whatever name it came under', async () => {
    const added = fixtureEvent('team_candidate_label_added', {
      receivedAt: at(5),
      patch: { id: ada, labels: ['backend'] },
    });
    await harness().given([
      added,
      fixtureEvent('team_candidate_label_removed', {
        receivedAt: at(6),
        patch: { id: ada, labels: [] },
      }),
      redelivery(added, { receivedAt: at(70), eventName: 'team_candidate.label_added' }),
    ]);

    expect(await candidate()).toMatchObject({ labels: [], lastActivityAt: at(6) });
  });

  it('does not move the state back for a late result delivery or a late transition', async () => {
    await harness().given([
      candidateEvent('invited', 'idle', 0),
      resultEvent('assessment_result_submitted', 60, { prev_state: 'started', state: 'submitted' }),
      resultEvent('assessment_result_started', 61, { prev_state: 'invited', state: 'started' }),
      candidateEvent('started', 'invited', 62),
    ]);

    expect(await candidate()).toMatchObject({
      state: 'submitted',
      prevState: 'started',
      lastActivityAt: at(60),
    });
  });

  it('does not move the state back for a late result delivery after the candidate moved on', async () => {
    await harness().given([
      resultEvent('assessment_result_submitted', 60, { prev_state: 'started', state: 'submitted' }),
      candidateEvent('reviewed', 'submitted', 120),
      resultEvent('assessment_result_started', 121, { prev_state: 'invited', state: 'started' }),
    ]);
    expect(await candidate()).toMatchObject({ state: 'reviewed', prevState: 'submitted' });
  });

  it('ignores a late result delivery that repeats the current state', async () => {
    const working = (minute: number, seconds: number, anonymousName: string) =>
      fixtureEvent('assessment_result_state_changed', {
        receivedAt: at(minute),
        patch: {
          id: result,
          state: 'started',
          accumulated_seconds: seconds,
          team_candidate: {
            id: ada,
            prev_state: 'invited',
            state: 'started',
            anonymous_name: anonymousName,
          },
        },
      });
    await harness().given([working(30, 600, 'Candidate 1'), working(31, 0, 'Candidate 0')]);
    expect(await candidate()).toMatchObject({
      anonymousName: 'Candidate 1',
      lastActivityAt: at(30),
    });
  });

  it('takes the reported state when a delivery went missing', async () => {
    await harness().given([
      candidateEvent('invited', 'idle', 0),
      candidateEvent('submitted', 'started', 90),
    ]);
    expect(await candidate()).toMatchObject({ state: 'submitted', prevState: 'started' });
  });

  it('counts solutions and reviews as activity of known candidates only', async () => {
    const stranger = objectId('candidate', 2);
    await harness().given([
      candidateEvent('started', 'invited', 0),
      fixtureEvent('solution_updated', {
        receivedAt: at(40),
        patch: { team_candidate_id: ada, assessment_result_id: result, assessment_id: assessment },
      }),
      fixtureEvent('assessment_result_review_created', {
        receivedAt: at(50),
        patch: { team_candidate_id: stranger },
      }),
    ]);

    expect((await candidate())?.lastActivityAt).toBe(at(40));
    expect(await candidate(stranger)).toBeUndefined();
    const taking = await listTeamCandidates(harness().store, { assessmentId: assessment });
    expect(taking.items.map((c) => c.id)).toEqual([ada]);
  });
});
