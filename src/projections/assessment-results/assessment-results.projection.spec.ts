import { useProjectionHarness } from '../../../test/support/projection-harness.js';
import { at, objectId } from '../../../test/support/scenario.js';
import { fixtureEvent } from '../../../test/support/stored-events.js';
import { redelivery } from '../../simulation/stored-events.js';
import { assessmentResultsProjection } from './assessment-results.projection.js';
import { getAssessmentResult, listAssessmentResults } from './assessment-results.reader.js';

const result = '65a1f4087c3a5d0011f3d2c8';
const codeSolution = '65a26a3e9d4e8b0012a4d013';

const started = (minute: number, eventName?: string) =>
  fixtureEvent('assessment_result_started', { receivedAt: at(minute), eventName });
const submitted = (minute: number, eventName?: string) =>
  fixtureEvent('assessment_result_submitted', { receivedAt: at(minute), eventName });
const reported = (minute: number, state: string, seconds: number) =>
  fixtureEvent('assessment_result_state_changed', {
    receivedAt: at(minute),
    patch: { state, accumulated_seconds: seconds },
  });

describe('assessment results projection', () => {
  const harness = useProjectionHarness(assessmentResultsProjection);
  const read = () => getAssessmentResult(harness().store, result);

  it('keeps a result with its candidate, assessment and embedded solutions', async () => {
    await harness().given([
      started(0, 'team_candidate.started_assessment'),
      submitted(65, 'team_candidate_submitted_assessment'),
    ]);

    expect(await read()).toEqual({
      id: result,
      teamCandidateId: '65a1f3c29d4e8b0012a4c7e1',
      candidateName: 'Maria Okafor',
      candidateEmail: 'maria.okafor@example.com',
      assessmentId: '6598e2b17c3a5d0011f2b9a4',
      assessmentTitle: 'Backend Engineer (Python)',
      state: 'submitted',
      score: 89.6,
      passed: true,
      accumulatedSeconds: 3912,
      invitedAt: '2024-01-12T15:03:22.641Z',
      startedAt: '2024-01-13T08:42:05.377Z',
      submittedAt: '2024-01-13T09:47:31.204Z',
      abandoned: false,
      candidateRemarks: 'I would use Redis sorted sets for the limiter in production.',
      updatedAt: at(65),
      solutions: [
        {
          id: codeSolution,
          challengeId: '6597c0d45e2f1a0010b8e3f7',
          challengeTitle: 'Sliding Window Rate Limiter',
          type: 'CodeSolution',
          language: 'python',
          score: 91.7,
          passed: true,
          passedTestCases: 11,
          totalTestCases: 12,
          attempts: 6,
          completedAt: '2024-01-13T09:31:12.487Z',
        },
        expect.objectContaining({ challengeTitle: 'HTTP Fundamentals', attempts: 1 }),
      ],
    });
  });

  it('does not move a result back for a late delivery of an earlier state', async () => {
    await harness().given([submitted(65), started(66)]);
    expect(await read()).toMatchObject({
      state: 'submitted',
      score: 89.6,
      updatedAt: at(65),
      solutions: [
        expect.objectContaining({ attempts: 6 }),
        expect.objectContaining({ attempts: 1 }),
      ],
    });
  });

  it("keeps a result whose state is named like an object's own property", async () => {
    const inState = (state: string, minute: number) =>
      fixtureEvent('assessment_result_started', { receivedAt: at(minute), patch: { state } });
    await harness().given([inState('constructor', 0), inState('toString', 1)]);
    expect(await read()).toMatchObject({ state: 'toString', updatedAt: at(1) });
  });

  it('does not move a result back for a late delivery of its first state, invited', async () => {
    await harness().given([reported(0, 'opened', 0), reported(1, 'invited', 0)]);
    expect(await read()).toMatchObject({ state: 'opened', updatedAt: at(0) });
  });

  it.each([
    ['fewer seconds', 120],
    ['0 seconds', 0],
  ])(
    'keeps the accumulated seconds when a late delivery of the same state reports %s',
    async (_name, seconds) => {
      await harness().given([reported(5, 'started', 300), reported(6, 'started', seconds)]);
      expect(await read()).toMatchObject({
        state: 'started',
        accumulatedSeconds: 300,
        updatedAt: at(5),
      });
    },
  );

  it('takes solutions from solution events, also before the result is known', async () => {
    await harness().given([
      fixtureEvent('solution_created', { receivedAt: at(1), eventName: 'solution.created' }),
      fixtureEvent('solution_updated', { receivedAt: at(40) }),
    ]);
    expect(await read()).toMatchObject({
      teamCandidateId: '65a1f3c29d4e8b0012a4c7e1',
      assessmentId: '6598e2b17c3a5d0011f2b9a4',
      state: null,
      solutions: [expect.objectContaining({ id: codeSolution, attempts: 6, score: 91.7 })],
    });
  });

  it('keeps the newer solution when a result embeds an older one', async () => {
    await harness().given([fixtureEvent('solution_updated', { receivedAt: at(40) }), started(41)]);
    const solutions = (await read())?.solutions;
    expect(solutions?.map((s) => [s.id, s.attempts, s.score])).toEqual([
      [codeSolution, 6, 91.7],
      ['65a26b029d4e8b0012a4d07c', 0, null],
    ]);
  });

  it('changes nothing for a repeated delivery of an older payload', async () => {
    const scored = submitted(65);
    const rescored = fixtureEvent('assessment_result_state_changed', {
      receivedAt: at(70),
      patch: { ...submitted(0).data, score: 93.1 },
    });
    await harness().given([scored, rescored, redelivery(scored, { receivedAt: at(80) })]);
    expect(await read()).toMatchObject({ score: 93.1, updatedAt: at(70) });
  });
});

describe('listing assessment results', () => {
  const harness = useProjectionHarness(assessmentResultsProjection);
  const rows = [
    { candidate: 1, assessment: 1, state: 'submitted', passing_score: true },
    { candidate: 1, assessment: 2, state: 'submitted', passing_score: false },
    { candidate: 2, assessment: 1, state: 'started', passing_score: false },
    { candidate: 3, assessment: 1, state: 'submitted', passing_score: true },
  ];

  beforeEach(async () => {
    await harness().given(
      rows.map((row, i) =>
        fixtureEvent('assessment_result_state_changed', {
          receivedAt: at(i),
          patch: {
            id: objectId('result', i + 1),
            state: row.state,
            passing_score: row.passing_score,
            team_candidate: { id: objectId('candidate', row.candidate) },
            assessment: { id: objectId('assessment', row.assessment) },
          },
        }),
      ),
    );
  });

  const ids = async (query: Parameters<typeof listAssessmentResults>[1]) =>
    (await listAssessmentResults(harness().store, query)).items.map((r) =>
      Number.parseInt(r.id.slice(8), 16),
    );

  it('filters by candidate, assessment, state and passing, newest result first', async () => {
    expect(await ids({ candidateId: objectId('candidate', 1) })).toEqual([2, 1]);
    expect(await ids({ assessmentId: objectId('assessment', 1) })).toEqual([4, 3, 1]);
    expect(await ids({ state: 'started' })).toEqual([3]);
    expect(await ids({ passed: true })).toEqual([4, 1]);
    expect(await ids({ passed: false, assessmentId: objectId('assessment', 1) })).toEqual([3]);
  });

  it('pages with a cursor', async () => {
    const first = await listAssessmentResults(harness().store, { limit: 3 });
    const second = await listAssessmentResults(harness().store, { limit: 3, after: first.next });
    expect([...first.items, ...second.items].map((r) => r.id)).toEqual(
      [4, 3, 2, 1].map((n) => objectId('result', n)),
    );
    expect(second.next).toBeNull();
  });
});
