import { readAllPages } from '../support/paging.js';
import { objectId } from '../support/scenario.js';
import { getJson, startService, type RunningService } from '../support/service.js';
import {
  assessmentResult,
  postAll,
  review,
  untilAnswer,
  type Person,
  type ReviewSpec,
} from '../support/webhooks.js';

const grace: Person = {
  id: objectId('candidate', 1),
  name: 'Grace Hopper',
  email: 'g@example.com',
};
const alan: Person = { id: objectId('candidate', 2), name: 'Alan Turing', email: 'a@example.com' };
const backend = { id: objectId('assessment', 1), title: 'Backend Engineer (Python)' };
const frontend = { id: objectId('assessment', 2), title: 'Frontend Engineer' };
const result = (n: number) => objectId('result', n);
const reviewId = (n: number) => objectId('review', n);
const lead = objectId('reviewer', 1);
const peer = objectId('reviewer', 2);

/** Results 1, 2 and 4 of the backend assessment (4 without reviews), 3 of the frontend one. */
const RESULTS = [
  { n: 1, candidate: grace, assessment: backend },
  { n: 2, candidate: alan, assessment: backend },
  { n: 3, candidate: grace, assessment: frontend },
  { n: 4, candidate: alan, assessment: backend },
];

const reviewSpec = (n: number, resultN: number, reviewerId: string): ReviewSpec => ({
  id: reviewId(n),
  resultId: result(resultN),
  candidateId: RESULTS[resultN - 1].candidate.id,
  reviewerId,
});

describe('the review routes', () => {
  let service: RunningService;
  const url = (path: string) => `${service.queryUrl}${path}`;
  const ids = async (path: string, key = 'id') => {
    const answer = await getJson(url(path));
    expect(answer.status).toBe(200);
    return answer.body.items.map((item: Record<string, string>) => item[key]);
  };

  beforeAll(async () => {
    service = await startService();
    await postAll(service, [
      ...RESULTS.map(({ n, candidate, assessment }) =>
        assessmentResult({ id: result(n), candidate, assessment, state: 'submitted' }),
      ),
      review('created', reviewSpec(1, 1, lead)),
      review('submitted', { ...reviewSpec(2, 1, peer), rating: 5 }),
      review('submitted', { ...reviewSpec(3, 2, lead), rating: 3 }),
      review('created', reviewSpec(4, 3, lead)),
      review('created', reviewSpec(5, 3, peer)),
      review('destroyed', reviewSpec(5, 3, peer)),
    ]);
    await untilAnswer(url(`/reviews?assessmentResultId=${result(3)}`), (answer) =>
      expect(answer.body.items.map((r: { id: string }) => r.id)).toEqual([reviewId(4)]),
    );
    await untilAnswer(url(`/assessment-results?limit=1`), (answer) =>
      expect(answer.body.items[0]?.id).toBe(result(4)),
    );
  });

  afterAll(async () => {
    await service.close();
  });

  describe('GET /reviews', () => {
    it('lists the reviews not destroyed, the newest first', async () => {
      const answer = await getJson(url('/reviews'));
      expect(answer.body.items.map((r: { id: string }) => r.id)).toEqual(
        [4, 3, 2, 1].map(reviewId),
      );
      expect(answer.body.items[2]).toEqual({
        id: reviewId(2),
        assessmentResultId: result(1),
        teamCandidateId: grace.id,
        reviewerId: peer,
        state: 'submitted',
        rating: 5,
        feedback: 'Strong problem solving and clear code. Recommend the on-site interview.',
        submittedAt: '2024-01-14T11:20:48.015Z',
        solutionReviews: [
          expect.objectContaining({ rating: 5, solutionId: '65a26a3e9d4e8b0012a4d013' }),
          expect.objectContaining({ rating: 3, feedback: 'Confused 301 and 308.' }),
        ],
        updatedAt: expect.stringMatching(/Z$/),
      });
    });

    it("filters by reviewer, state and result: a reviewer's queue", async () => {
      expect(await ids(`/reviews?reviewerId=${lead}`)).toEqual([4, 3, 1].map(reviewId));
      expect(await ids(`/reviews?reviewerId=${lead}&state=invited`)).toEqual([4, 1].map(reviewId));
      expect(await ids(`/reviews?reviewerId=${peer}`)).toEqual([reviewId(2)]);
      expect(await ids('/reviews?state=submitted')).toEqual([3, 2].map(reviewId));
      expect(await ids(`/reviews?assessmentResultId=${result(1)}`)).toEqual([2, 1].map(reviewId));
      expect(await ids(`/reviews?assessmentResultId=${result(4)}`)).toEqual([]);
    });

    it('pages with limit and cursor', async () => {
      const { keys, pages } = await readAllPages(url(`/reviews?reviewerId=${lead}&limit=2`));
      expect(pages).toBe(2);
      expect(keys).toEqual([4, 3, 1].map(reviewId));
    });
  });

  describe('GET /review-progress', () => {
    it('sums up the reviews of each result with reviews, the newest result first', async () => {
      const answer = await getJson(url('/review-progress'));
      expect(answer.body).toEqual({
        items: [
          expect.objectContaining({ assessmentResultId: result(3), counts: { invited: 1 } }),
          {
            assessmentResultId: result(2),
            teamCandidateId: alan.id,
            reviewCount: 1,
            counts: { submitted: 1 },
            averageRating: 3,
            complete: true,
            updatedAt: expect.stringMatching(/Z$/),
          },
          expect.objectContaining({
            assessmentResultId: result(1),
            reviewCount: 2,
            counts: { invited: 1, submitted: 1 },
            averageRating: 5,
            complete: false,
          }),
        ],
        nextCursor: null,
      });
    });

    it('answers the results of one assessment', async () => {
      const key = 'assessmentResultId';
      expect(await ids(`/review-progress?assessmentId=${backend.id}`, key)).toEqual([
        result(2),
        result(1),
      ]);
      expect(await ids(`/review-progress?assessmentId=${frontend.id}`, key)).toEqual([result(3)]);
      expect(await ids(`/review-progress?assessmentId=${objectId('assessment', 9)}`, key)).toEqual(
        [],
      );
    });

    it("pages through one assessment's results", async () => {
      const { keys, pages } = await readAllPages(
        url(`/review-progress?assessmentId=${backend.id}&limit=1`),
        undefined,
        (progress) => progress.assessmentResultId,
      );
      expect(keys).toEqual([result(2), result(1)]);
      expect(pages).toBe(2);
    });

    it.each([
      ['assessmentId=', 'assessmentId'],
      ['assessmentId=x&cursor=bogus', 'cursor'],
      ['complete=true', 'complete'],
    ])('answers 400 naming the parameter for ?%s', async (query, field) => {
      const answer = await getJson(url(`/review-progress?${query}`));
      expect(answer.status).toBe(400);
      expect(answer.body.message).toBe(`Invalid parameters: ${field}`);
    });
  });

  it.each([
    ['reviewerId=', 'reviewerId'],
    ['state=in%20progress', 'state'],
    ['assessmentResultId=', 'assessmentResultId'],
    ['reviewer=x', 'reviewer'],
  ])('GET /reviews answers 400 naming the parameter for ?%s', async (query, field) => {
    const answer = await getJson(url(`/reviews?${query}`));
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe(`Invalid parameters: ${field}`);
  });
});

describe('paging through reviews while webhooks keep arriving', () => {
  let service: RunningService;
  const url = (path: string) => `${service.queryUrl}${path}`;
  const queue = () => url(`/reviews?reviewerId=${lead}&limit=500`);
  const reviewN = (n: number) => review('created', reviewSpec(n, 1, lead));

  beforeAll(async () => {
    service = await startService();
  });

  afterAll(async () => {
    await service.close();
  });

  it('loses and repeats no review', async () => {
    const initial = Array.from({ length: 9 }, (_, i) => 10 + 2 * i);
    await postAll(service, initial.map(reviewN));
    await untilAnswer(queue(), (answer) => expect(answer.body.items).toHaveLength(9));
    // Newer ids sort first; ids between the initial ones land on pages still to come.
    const inserts = [
      [100, 13],
      [101, 21],
      [102, 25],
    ];
    let count = 9;
    const insert = async () => {
      const batch = inserts.shift() ?? [];
      await postAll(service, batch.map(reviewN));
      count += batch.length;
      await untilAnswer(queue(), (answer) => expect(answer.body.items).toHaveLength(count));
    };

    const { keys } = await readAllPages(url(`/reviews?reviewerId=${lead}&limit=4`), insert);

    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(expect.arrayContaining(initial.map(reviewId)));
  });
});
