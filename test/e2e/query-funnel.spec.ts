import { objectId } from '../support/scenario.js';
import { getJson, startService, type RunningService } from '../support/service.js';
import {
  assessmentResult,
  candidateStateChanged,
  postAll,
  untilAnswer,
  type Person,
} from '../support/webhooks.js';

const person = (n: number): Person => ({
  id: objectId('candidate', n),
  name: `Candidate ${n}`,
  email: `c${n}@example.com`,
});
const backend = { id: objectId('assessment', 1), title: 'Backend Engineer (Python)' };
const frontend = { id: objectId('assessment', 2), title: 'Frontend Engineer' };

describe('GET /stats/funnel', () => {
  let service: RunningService;
  const url = (path: string) => `${service.queryUrl}${path}`;

  beforeAll(async () => {
    service = await startService();
    const result = (
      n: number,
      assessment: typeof backend,
      state: 'started' | 'submitted',
      passed = false,
    ) =>
      assessmentResult({
        id: objectId('result', n),
        candidate: person(n),
        assessment,
        state,
        passed,
      });
    await postAll(service, [
      result(1, backend, 'submitted', true),
      result(2, backend, 'submitted', false),
      result(3, backend, 'started'),
      result(4, frontend, 'submitted', true),
      candidateStateChanged(person(5), 'idle', 'invited'),
    ]);
    await untilAnswer(url('/stats/funnel'), (answer) => {
      expect(answer.body.results).toBe(4);
      expect(answer.body.candidatesByState.invited).toBe(1);
    });
  });

  afterAll(async () => {
    await service.close();
  });

  it('answers the funnel over all assessments', async () => {
    const answer = await getJson(url('/stats/funnel'));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      assessmentId: null,
      assessmentTitle: null,
      candidatesByState: { invited: 1, started: 1, submitted: 3 },
      results: 4,
      resultsStarted: 4,
      resultsSubmitted: 3,
      resultsPassed: 2,
      passRate: 2 / 3,
      medianSecondsToSubmit: 3925.827,
    });
  });

  it('answers the funnel of one assessment', async () => {
    const answer = await getJson(url(`/stats/funnel?assessmentId=${backend.id}`));
    expect(answer.body).toEqual({
      assessmentId: backend.id,
      assessmentTitle: backend.title,
      candidatesByState: { started: 1, submitted: 2 },
      results: 3,
      resultsStarted: 3,
      resultsSubmitted: 2,
      resultsPassed: 1,
      passRate: 0.5,
      medianSecondsToSubmit: 3925.827,
    });
  });

  it('answers a funnel of zeros for an assessment without results', async () => {
    const other = objectId('assessment', 9);
    const answer = await getJson(url(`/stats/funnel?assessmentId=${other}`));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      assessmentId: other,
      candidatesByState: {},
      results: 0,
      passRate: null,
      medianSecondsToSubmit: null,
    });
  });

  it.each([
    ['assessmentId=', 'assessmentId'],
    ['assessmentId=a&assessmentId=b', 'assessmentId'],
    ['assessment=x', 'assessment'],
  ])('answers 400 naming the parameter for ?%s', async (query, field) => {
    const answer = await getJson(url(`/stats/funnel?${query}`));
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe(`Invalid parameters: ${field}`);
  });
});
