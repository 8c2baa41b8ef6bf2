import { useProjectionHarness } from '../../../test/support/projection-harness.js';
import { at, objectId } from '../../../test/support/scenario.js';
import { fixtureEvent } from '../../../test/support/stored-events.js';
import { redelivery } from '../../simulation/stored-events.js';
import { funnelProjection } from './funnel.projection.js';
import { getFunnel, listAssessmentFunnels } from './funnel.reader.js';

const backend = objectId('assessment', 1);
const frontend = objectId('assessment', 2);

interface Take {
  result: number;
  candidate: number;
  assessment: string;
  startMinute: number;
}

function started(take: Take, eventName?: string) {
  return fixtureEvent('assessment_result_started', {
    receivedAt: at(take.startMinute),
    eventName,
    patch: {
      id: objectId('result', take.result),
      started_at: at(take.startMinute),
      team_candidate: { id: objectId('candidate', take.candidate) },
      assessment: { id: take.assessment, title: `Assessment ${take.assessment.slice(-1)}` },
    },
  });
}

function submitted(take: Take, minutes: number, passed: boolean, eventName?: string) {
  return fixtureEvent('assessment_result_submitted', {
    receivedAt: at(take.startMinute + minutes),
    eventName,
    patch: {
      id: objectId('result', take.result),
      started_at: at(take.startMinute),
      submitted_at: at(take.startMinute + minutes),
      passing_score: passed,
      team_candidate: { id: objectId('candidate', take.candidate) },
      assessment: { id: take.assessment, title: `Assessment ${take.assessment.slice(-1)}` },
    },
  });
}

function candidateState(candidate: number, state: string, prevState: string, minute: number) {
  return fixtureEvent('team_candidate_state_changed', {
    receivedAt: at(minute),
    eventName: 'team_candidate.created',
    patch: { id: objectId('candidate', candidate), state, prev_state: prevState },
  });
}

const ada: Take = { result: 1, candidate: 1, assessment: backend, startMinute: 0 };
const ben: Take = { result: 2, candidate: 2, assessment: backend, startMinute: 10 };
const cy: Take = { result: 3, candidate: 3, assessment: backend, startMinute: 20 };
const dee: Take = { result: 4, candidate: 4, assessment: frontend, startMinute: 30 };

describe('funnel projection', () => {
  const harness = useProjectionHarness(funnelProjection);
  const funnel = (assessmentId?: string) => getFunnel(harness().store, assessmentId);

  beforeEach(async () => {
    await harness().given([
      started(ada, 'team_candidate.started_assessment'),
      started(ben),
      started(cy, 'team_candidate_started_assessment'),
      submitted(ada, 60, true, 'team_candidate.submitted_assessment'),
      submitted(ben, 30, false),
      candidateState(1, 'reviewed', 'submitted', 200),
      // Dee's start never arrived.
      submitted(dee, 90, true),
    ]);
  });

  it('counts candidates by state, results started and submitted, passes and the median time', async () => {
    expect(await funnel(backend)).toEqual({
      assessmentId: backend,
      assessmentTitle: 'Assessment 1',
      candidatesByState: { reviewed: 1, started: 1, submitted: 1 },
      results: 3,
      resultsStarted: 3,
      resultsSubmitted: 2,
      resultsPassed: 1,
      passRate: 0.5,
      medianSecondsToSubmit: 45 * 60,
    });
  });

  it('sums up every assessment overall', async () => {
    expect(await funnel()).toEqual({
      assessmentId: null,
      assessmentTitle: null,
      candidatesByState: { reviewed: 1, started: 1, submitted: 2 },
      results: 4,
      resultsStarted: 4,
      resultsSubmitted: 3,
      resultsPassed: 2,
      passRate: 2 / 3,
      medianSecondsToSubmit: 60 * 60,
    });
  });

  it('does not count a late delivery of an earlier state', async () => {
    await harness().given([started(dee)]);
    expect(await funnel()).toMatchObject({
      candidatesByState: { reviewed: 1, started: 1, submitted: 2 },
      resultsSubmitted: 3,
    });
  });

  it('changes nothing for a repeated delivery', async () => {
    const failed = submitted(cy, 40, false);
    const regraded = fixtureEvent('assessment_result_state_changed', {
      receivedAt: at(100),
      patch: { ...failed.data, passing_score: true },
    });
    await harness().given([failed, regraded, redelivery(failed, { receivedAt: at(101) })]);
    expect(await funnel(backend)).toMatchObject({ resultsSubmitted: 3, resultsPassed: 2 });
  });

  it('counts passes of submitted results only', async () => {
    const timedOut = fixtureEvent('assessment_result_state_changed', {
      receivedAt: at(300),
      patch: { ...started(cy).data, state: 'terminated', score: 75, passing_score: true },
    });
    await harness().given([timedOut]);
    expect(await funnel(backend)).toMatchObject({
      resultsSubmitted: 2,
      resultsPassed: 1,
      passRate: 0.5,
    });
  });

  it('lists the funnel of each assessment, page by page', async () => {
    const first = await listAssessmentFunnels(harness().store, { limit: 1 });
    const second = await listAssessmentFunnels(harness().store, { limit: 1, after: first.next });
    expect([...first.items, ...second.items].map((f) => [f.assessmentId, f.results])).toEqual([
      [frontend, 1],
      [backend, 3],
    ]);
    expect(second.next).toBeNull();
  });

  it('has an empty funnel for an assessment without results', async () => {
    expect(await funnel(objectId('assessment', 9))).toMatchObject({
      candidatesByState: {},
      results: 0,
      passRate: null,
      medianSecondsToSubmit: null,
    });
  });
});
