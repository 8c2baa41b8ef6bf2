import { readAllPages } from '../support/paging.js';
import { objectId } from '../support/scenario.js';
import { getJson, startService, type RunningService } from '../support/service.js';
import {
  assessmentResult,
  postAll,
  review,
  solutionId,
  untilAnswer,
  type Person,
  type ResultSpec,
} from '../support/webhooks.js';

const person = (n: number, name: string): Person => ({
  id: objectId('candidate', n),
  name,
  email: `${name.split(' ')[0].toLowerCase()}@example.com`,
});
const grace = person(1, 'Grace Hopper');
const alan = person(2, 'Alan Turing');
const ada = person(3, 'Ada Lovelace');
const backend = { id: objectId('assessment', 1), title: 'Backend Engineer (Python)' };
const frontend = { id: objectId('assessment', 2), title: 'Frontend Engineer' };
const result = (n: number) => objectId('result', n);

const results: ResultSpec[] = [
  {
    id: result(1),
    candidate: grace,
    assessment: backend,
    state: 'submitted',
    passed: true,
    score: 89.6,
  },
  { id: result(2), candidate: alan, assessment: backend, state: 'started' },
  {
    id: result(3),
    candidate: grace,
    assessment: frontend,
    state: 'submitted',
    passed: false,
    score: 41,
  },
  {
    id: result(4),
    candidate: ada,
    assessment: frontend,
    state: 'submitted',
    passed: true,
    score: 97,
  },
];

describe('the assessment results routes', () => {
  let service: RunningService;
  const url = (path: string) => `${service.queryUrl}${path}`;
  const ids = async (query: string) => {
    const answer = await getJson(url(`/assessment-results${query}`));
    expect(answer.status).toBe(200);
    return answer.body.items.map((item: { id: string }) => item.id);
  };
  const reviewOfFirst = (n: number, reviewer: number) => ({
    id: objectId('review', n),
    resultId: result(1),
    candidateId: grace.id,
    reviewerId: objectId('reviewer', reviewer),
  });

  beforeAll(async () => {
    service = await startService();
    await postAll(service, [
      ...results.map(assessmentResult),
      review('created', reviewOfFirst(1, 1)),
      review('submitted', { ...reviewOfFirst(2, 2), rating: 4 }),
    ]);
    await untilAnswer(url('/assessment-results'), (answer) =>
      expect(answer.body.items).toHaveLength(results.length),
    );
    await untilAnswer(url('/review-progress'), (answer) =>
      expect(answer.body.items[0]?.reviewCount).toBe(2),
    );
  });

  afterAll(async () => {
    await service.close();
  });

  describe('GET /assessment-results', () => {
    it('lists the results, the most recently created first', async () => {
      const answer = await getJson(url('/assessment-results'));
      expect(answer.body.items.map((r: { id: string }) => r.id)).toEqual([4, 3, 2, 1].map(result));
      expect(answer.body.nextCursor).toBeNull();
      expect(answer.body.items[3]).toEqual({
        id: result(1),
        teamCandidateId: grace.id,
        candidateName: 'Grace Hopper',
        candidateEmail: 'grace@example.com',
        assessmentId: backend.id,
        assessmentTitle: backend.title,
        state: 'submitted',
        score: 89.6,
        passed: true,
        accumulatedSeconds: 3912,
        invitedAt: '2024-01-12T15:03:22.641Z',
        startedAt: '2024-01-13T08:42:05.377Z',
        submittedAt: '2024-01-13T09:47:31.204Z',
        abandoned: false,
        candidateRemarks: 'I would use Redis sorted sets for the limiter in production.',
        updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      });
    });

    it('filters by candidate, assessment, state and whether passed', async () => {
      expect(await ids(`?candidateId=${grace.id}`)).toEqual([result(3), result(1)]);
      expect(await ids(`?assessmentId=${backend.id}`)).toEqual([result(2), result(1)]);
      expect(await ids('?state=started')).toEqual([result(2)]);
      expect(await ids('?passed=true')).toEqual([result(4), result(1)]);
      expect(await ids('?passed=false')).toEqual([result(3), result(2)]);
      expect(await ids(`?assessmentId=${frontend.id}&passed=true`)).toEqual([result(4)]);
      expect(await ids(`?candidateId=${alan.id}&state=submitted`)).toEqual([]);
    });

    it.each([
      ['passed=yes', 'passed'],
      ['passed=1', 'passed'],
      ['state=not%20a%20state', 'state'],
      ['candidateId=', 'candidateId'],
      ['assessmentId=', 'assessmentId'],
      ['candidate=x', 'candidate'],
    ])('answers 400 naming the parameter for ?%s', async (query, field) => {
      const answer = await getJson(url(`/assessment-results?${query}`));
      expect(answer.status).toBe(400);
      expect(answer.body.message).toBe(`Invalid parameters: ${field}`);
    });
  });

  describe('GET /assessment-results/:id', () => {
    it('answers one result with its solutions and its review progress', async () => {
      const answer = await getJson(url(`/assessment-results/${result(1)}`));
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ id: result(1), candidateName: 'Grace Hopper' });
      expect(answer.body.solutions).toEqual([
        {
          id: solutionId(result(1), 0),
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
        expect.objectContaining({
          id: solutionId(result(1), 1),
          challengeTitle: 'HTTP Fundamentals',
        }),
      ]);
      expect(answer.body.reviewProgress).toMatchObject({
        assessmentResultId: result(1),
        teamCandidateId: grace.id,
        reviewCount: 2,
        counts: { invited: 1, submitted: 1 },
        averageRating: 4,
        complete: false,
      });
      expect(answer.body.reviewProgress.reviews.map((r: { id: string }) => r.id)).toEqual([
        objectId('review', 1),
        objectId('review', 2),
      ]);
    });

    it('answers a null review progress for a result without reviews', async () => {
      const answer = await getJson(url(`/assessment-results/${result(4)}`));
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ id: result(4), reviewProgress: null });
    });

    it('answers 404 with a JSON reason for an unknown id', async () => {
      const answer = await getJson(url('/assessment-results/nothing-here'));
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'There is no assessment result "nothing-here"',
      });
    });
  });
});

describe('paging through assessment results while webhooks keep arriving', () => {
  let service: RunningService;
  const paged = { id: objectId('assessment', 9), title: 'Paged' };
  const url = (path: string) => `${service.queryUrl}${path}`;
  const list = () => url(`/assessment-results?assessmentId=${paged.id}&limit=500`);
  const resultOf = (n: number) =>
    assessmentResult({ id: result(n), candidate: grace, assessment: paged, state: 'started' });

  beforeAll(async () => {
    service = await startService();
  });

  afterAll(async () => {
    await service.close();
  });

  it('loses and repeats no result, whether the new ones sort before or after the page', async () => {
    const initial = Array.from({ length: 12 }, (_, i) => 100 + 2 * i);
    await postAll(service, initial.map(resultOf));
    await untilAnswer(list(), (answer) => expect(answer.body.items).toHaveLength(12));
    // Newer ids sort first; ids between the initial ones land on pages still to come.
    const inserts = [
      [200, 101],
      [201, 111],
      [202, 121],
    ];
    let count = 12;
    const insert = async () => {
      const batch = inserts.shift() ?? [];
      await postAll(service, batch.map(resultOf));
      count += batch.length;
      await untilAnswer(list(), (answer) => expect(answer.body.items).toHaveLength(count));
    };

    const { keys } = await readAllPages(
      url(`/assessment-results?assessmentId=${paged.id}&limit=5`),
      insert,
    );

    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(expect.arrayContaining(initial.map(result)));
    expect(keys).toEqual([...keys].sort().reverse());
  });
});
