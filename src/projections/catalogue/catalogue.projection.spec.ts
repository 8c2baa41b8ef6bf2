import { useProjectionHarness } from '../../../test/support/projection-harness.js';
import { at, objectId } from '../../../test/support/scenario.js';
import { fixtureEvent } from '../../../test/support/stored-events.js';
import { redelivery } from '../../simulation/stored-events.js';
import { catalogueProjection } from './catalogue.projection.js';
import {
  getAssessment,
  getChallenge,
  listAssessments,
  listChallenges,
} from './catalogue.reader.js';

const assessment = '6598e2b17c3a5d0011f2b9a4';
const rateLimiter = '6597c0d45e2f1a0010b8e3f7';
const httpQuiz = '6597c1aa5e2f1a0010b8e412';

describe('catalogue projection', () => {
  const harness = useProjectionHarness(catalogueProjection);
  const db = () => harness().store;

  it('keeps an assessment through its life, flagged but kept after it is destroyed', async () => {
    await harness().given([
      fixtureEvent('assessment_created', { receivedAt: at(0), eventName: 'assessment.created' }),
      fixtureEvent('assessment_updated', { receivedAt: at(5) }),
      fixtureEvent('assessment_published', {
        receivedAt: at(10),
        eventName: 'assessment.published',
      }),
      fixtureEvent('assessment_destroyed', { receivedAt: at(500) }),
    ]);

    expect(await getAssessment(db(), assessment)).toEqual({
      id: assessment,
      title: 'Backend Engineer (Python)',
      summary: 'A rate limiter to implement and a short quiz on HTTP.',
      purpose: 'Second-stage screen for backend engineering candidates.',
      state: 'archived',
      published: true,
      publishedAt: at(10),
      deleted: true,
      deletedAt: at(500),
      challengeIds: [rateLimiter, httpQuiz],
      updatedAt: at(500),
    });
    expect((await listAssessments(db())).items).toEqual([]);
    const all = await listAssessments(db(), { includeDeleted: true });
    expect(all.items.map((a) => a.id)).toEqual([assessment]);
  });

  it('does not bring a destroyed assessment back on a later update', async () => {
    await harness().given([
      fixtureEvent('assessment_destroyed', { receivedAt: at(500) }),
      fixtureEvent('assessment_updated', { receivedAt: at(501) }),
    ]);
    expect(await getAssessment(db(), assessment)).toMatchObject({ deleted: true, state: 'draft' });
  });

  it('keeps challenges, and removes one for good when it is destroyed', async () => {
    await harness().given([
      fixtureEvent('challenge_created', { receivedAt: at(0), eventName: 'challenge.created' }),
      fixtureEvent('challenge_updated', { receivedAt: at(1) }),
      fixtureEvent('challenge_published', { receivedAt: at(2), eventName: 'challenge.published' }),
    ]);
    expect(await getChallenge(db(), rateLimiter)).toEqual({
      id: rateLimiter,
      type: 'CodeChallenge',
      title: 'Sliding Window Rate Limiter',
      summary: expect.stringContaining('rate limiter'),
      topics: ['algorithms', 'data structures', 'concurrency'],
      estimatedTime: 45,
      published: true,
      updatedAt: at(2),
    });

    await harness().given([
      fixtureEvent('challenge_destroyed', { receivedAt: at(3) }),
      fixtureEvent('challenge_updated', { receivedAt: at(4) }),
      fixtureEvent('assessment_updated', { receivedAt: at(5) }),
    ]);
    expect(await getChallenge(db(), rateLimiter)).toBeUndefined();
    expect((await listChallenges(db())).items.map((c) => c.id)).toEqual([httpQuiz]);
  });

  it('fills in challenges an assessment lists but never overrides a challenge event', async () => {
    await harness().given([
      fixtureEvent('challenge_created', { receivedAt: at(0) }),
      fixtureEvent('assessment_updated', { receivedAt: at(1) }),
    ]);
    expect((await getChallenge(db(), rateLimiter))?.title).toBe('Rate Limiter');
    expect(await getChallenge(db(), httpQuiz)).toMatchObject({
      title: 'HTTP Fundamentals',
      type: 'QuizChallenge',
      published: false,
    });
  });

  it('changes nothing for a repeated delivery', async () => {
    const created = fixtureEvent('challenge_created', { receivedAt: at(0) });
    await harness().given([
      created,
      fixtureEvent('challenge_updated', { receivedAt: at(1) }),
      redelivery(created, { receivedAt: at(2), eventName: 'challenge.created' }),
    ]);
    expect(await getChallenge(db(), rateLimiter)).toMatchObject({
      title: 'Sliding Window Rate Limiter',
      updatedAt: at(1),
    });
  });

  it('lists assessments by state and challenges by type, page by page', async () => {
    await harness().given(
      [1, 2, 3].map((n) =>
        fixtureEvent(n === 2 ? 'assessment_published' : 'assessment_created', {
          receivedAt: at(n),
          patch: { id: objectId('assessment', n), challenges: [] },
        }),
      ),
    );
    const first = await listAssessments(db(), { limit: 2 });
    const second = await listAssessments(db(), { limit: 2, after: first.next });
    expect([...first.items, ...second.items].map((a) => a.id)).toEqual(
      [3, 2, 1].map((n) => objectId('assessment', n)),
    );
    const published = await listAssessments(db(), { state: 'published' });
    expect(published.items.map((a) => a.id)).toEqual([objectId('assessment', 2)]);
    expect((await listChallenges(db(), { type: 'QuizChallenge' })).items).toEqual([]);
  });
});
