import { readAllPages } from '../support/paging.js';
import { objectId } from '../support/scenario.js';
import { getJson, startService, type RunningService } from '../support/service.js';
import { assessment, challenge, postAll, untilAnswer } from '../support/webhooks.js';

const assessmentId = (n: number) => objectId('assessment', n);
const challengeId = (n: number) => objectId('challenge', n);
const limiter = { id: challengeId(1), title: 'Sliding Window Rate Limiter' };
const quiz = { id: challengeId(2), title: 'HTTP Fundamentals' };

describe('the catalogue routes', () => {
  let service: RunningService;
  const url = (path: string) => `${service.queryUrl}${path}`;
  const ids = async (path: string) => {
    const answer = await getJson(url(path));
    expect(answer.status).toBe(200);
    return answer.body.items.map((item: { id: string }) => item.id);
  };

  beforeAll(async () => {
    service = await startService();
    await postAll(service, [
      challenge('created', { ...limiter, type: 'CodeChallenge' }),
      challenge('created', { ...quiz, type: 'QuizChallenge' }),
      challenge('created', { id: challengeId(3), title: 'Retired Puzzle' }),
      challenge('destroyed', { id: challengeId(3), title: 'Retired Puzzle' }),
      assessment('created', { id: assessmentId(1), title: 'Backend Engineer (Python)' }),
      assessment('published', {
        id: assessmentId(1),
        title: 'Backend Engineer (Python)',
        challenges: [limiter, quiz],
      }),
      assessment('created', { id: assessmentId(2), title: 'Frontend Engineer' }),
      assessment('created', { id: assessmentId(3), title: 'Old Screen' }),
      assessment('destroyed', { id: assessmentId(3), title: 'Old Screen' }),
    ]);
    await untilAnswer(url('/assessments?includeDeleted=true'), (answer) =>
      expect(answer.body.items.find((a: { id: string }) => a.id === assessmentId(3))?.deleted).toBe(
        true,
      ),
    );
  });

  afterAll(async () => {
    await service.close();
  });

  describe('assessments', () => {
    it('lists the assessments not destroyed, the most recently created first', async () => {
      const answer = await getJson(url('/assessments'));
      expect(answer.body.items.map((a: { id: string }) => a.id)).toEqual([
        assessmentId(2),
        assessmentId(1),
      ]);
      expect(answer.body.items[1]).toEqual({
        id: assessmentId(1),
        title: 'Backend Engineer (Python)',
        summary: 'A rate limiter to implement and a short quiz on HTTP.',
        purpose: 'Second-stage screen for backend engineering candidates.',
        state: 'published',
        published: true,
        publishedAt: expect.stringMatching(/Z$/),
        deleted: false,
        deletedAt: null,
        challengeIds: [limiter.id, quiz.id],
        updatedAt: expect.stringMatching(/Z$/),
      });
    });

    it('filters by state, and includes destroyed ones when asked', async () => {
      expect(await ids('/assessments?state=published')).toEqual([assessmentId(1)]);
      expect(await ids('/assessments?state=draft')).toEqual([assessmentId(2)]);
      expect(await ids('/assessments?includeDeleted=true')).toEqual([3, 2, 1].map(assessmentId));
      expect(await ids('/assessments?includeDeleted=false')).toEqual([2, 1].map(assessmentId));
    });

    it('pages with limit and cursor', async () => {
      const { keys, pages } = await readAllPages(url('/assessments?includeDeleted=true&limit=2'));
      expect(keys).toEqual([3, 2, 1].map(assessmentId));
      expect(pages).toBe(2);
    });

    it('answers one assessment, also a destroyed one', async () => {
      const answer = await getJson(url(`/assessments/${assessmentId(3)}`));
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        id: assessmentId(3),
        title: 'Old Screen',
        deleted: true,
        deletedAt: expect.stringMatching(/Z$/),
      });
    });

    it('answers 404 with a JSON reason for an unknown id', async () => {
      const answer = await getJson(url('/assessments/none'));
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'There is no assessment "none"',
      });
    });
  });

  describe('challenges', () => {
    it('lists the challenges not destroyed, the most recently created first', async () => {
      const answer = await getJson(url('/challenges'));
      expect(answer.body.items.map((c: { id: string }) => c.id)).toEqual([quiz.id, limiter.id]);
      expect(answer.body.items[0]).toEqual({
        id: quiz.id,
        type: 'QuizChallenge',
        title: 'HTTP Fundamentals',
        summary:
          'Implement a rate limiter that allows at most N requests per client in any window of W seconds.',
        topics: ['algorithms', 'data structures', 'concurrency'],
        estimatedTime: 45,
        published: false,
        updatedAt: expect.stringMatching(/Z$/),
      });
    });

    it('filters by type', async () => {
      expect(await ids('/challenges?type=QuizChallenge')).toEqual([quiz.id]);
      expect(await ids('/challenges?type=CodeChallenge')).toEqual([limiter.id]);
    });

    it('pages with limit and cursor', async () => {
      const { keys, pages } = await readAllPages(url('/challenges?limit=1'));
      expect(keys).toEqual([quiz.id, limiter.id]);
      expect(pages).toBe(2);
    });

    it('answers one challenge', async () => {
      const answer = await getJson(url(`/challenges/${limiter.id}`));
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ id: limiter.id, type: 'CodeChallenge' });
    });

    it('answers 404 for a destroyed challenge and an unknown one', async () => {
      for (const id of [challengeId(3), 'none']) {
        const answer = await getJson(url(`/challenges/${id}`));
        expect(answer.status).toBe(404);
        expect(answer.body.message).toBe(`There is no challenge "${id}"`);
      }
    });
  });

  it.each([
    ['/assessments?includeDeleted=yes', 'includeDeleted'],
    ['/assessments?state=not%20one', 'state'],
    ['/assessments?deleted=true', 'deleted'],
    ['/challenges?type=Code%20Challenge', 'type'],
    ['/challenges?type=', 'type'],
  ])('%s answers 400 naming the parameter', async (path, field) => {
    const answer = await getJson(url(path));
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe(`Invalid parameters: ${field}`);
  });
});
