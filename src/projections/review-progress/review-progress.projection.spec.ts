import { useProjectionHarness } from '../../../test/support/projection-harness.js';
import { at, objectId } from '../../../test/support/scenario.js';
import { fixtureEvent } from '../../../test/support/stored-events.js';
import { redelivery, storedEvent } from '../../simulation/stored-events.js';
import { reviewProgressProjection } from './review-progress.projection.js';
import {
  getReviewProgress,
  listPendingReviews,
  listReviewProgress,
  listReviews,
} from './review-progress.reader.js';

const result = '65a1f4087c3a5d0011f3d2c8';
const lead = '6590ab7cf3b2c40010d1e5c9';
const peer = objectId('reviewer', 2);
const leadReview = '65a2b7e3c81f4a0013e5a9d6';
const peerReview = objectId('review', 2);

type ReviewType =
  | 'assessment_result_review_created'
  | 'assessment_result_review_updated'
  | 'assessment_result_review_submitted'
  | 'assessment_result_review_destroyed';

function review(
  type: ReviewType,
  minute: number,
  patch: Record<string, unknown> = {},
  eventName?: string,
) {
  return fixtureEvent(type, { receivedAt: at(minute), eventName, patch });
}

const peerSubmits = (minute: number, rating: number) =>
  review('assessment_result_review_submitted', minute, {
    id: peerReview,
    reviewed_by_id: peer,
    rating,
    solution_reviews: [],
  });

describe('review progress projection', () => {
  const harness = useProjectionHarness(reviewProgressProjection);
  const progress = () => getReviewProgress(harness().store, result);

  it('follows each review of a result and sums them up', async () => {
    await harness().given([
      review('assessment_result_review_created', 0, {}, 'assessment_result_review.created'),
      review('assessment_result_review_created', 1, { id: peerReview, reviewed_by_id: peer }),
      review('assessment_result_review_updated', 10, { rating: 1 }),
      peerSubmits(20, 3),
    ]);

    expect(await progress()).toEqual({
      assessmentResultId: result,
      teamCandidateId: '65a1f3c29d4e8b0012a4c7e1',
      reviewCount: 2,
      counts: { started: 1, submitted: 1 },
      averageRating: 3,
      complete: false,
      updatedAt: at(20),
      reviews: [
        expect.objectContaining({ id: peerReview, state: 'submitted', rating: 3 }),
        expect.objectContaining({
          id: leadReview,
          reviewerId: lead,
          state: 'started',
          solutionReviews: [
            {
              solutionId: '65a26a3e9d4e8b0012a4d013',
              challengeId: '6597c0d45e2f1a0010b8e3f7',
              rating: 5,
              feedback: 'Clean deque-based window, good tests; missed the boundary burst case.',
            },
          ],
        }),
      ],
    });
  });

  it('is complete when every review is submitted, averaging their ratings', async () => {
    await harness().given([
      review('assessment_result_review_submitted', 30, {}, 'assessment_result_review.submitted'),
      peerSubmits(31, 2),
    ]);
    expect(await progress()).toMatchObject({ complete: true, averageRating: 3.5 });
  });

  it('does not move a review back for a late delivery of an earlier state', async () => {
    await harness().given([
      review('assessment_result_review_submitted', 30),
      review('assessment_result_review_updated', 31),
      review('assessment_result_review_created', 32),
    ]);
    expect(await progress()).toMatchObject({
      counts: { submitted: 1 },
      complete: true,
      reviews: [expect.objectContaining({ state: 'submitted', rating: 5 })],
    });
  });

  it('lets a destroyed review leave the progress, and not come back late', async () => {
    await harness().given([
      review('assessment_result_review_created', 0),
      peerSubmits(1, 4),
      review('assessment_result_review_destroyed', 5, {}, 'assessment_result_review.destroyed'),
      review('assessment_result_review_updated', 6),
    ]);
    expect(await progress()).toMatchObject({
      reviewCount: 1,
      counts: { submitted: 1 },
      complete: true,
      reviews: [expect.objectContaining({ id: peerReview })],
    });
  });

  it('has no progress for a result whose only review was destroyed', async () => {
    await harness().given([
      review('assessment_result_review_created', 0),
      // A destroyed review may be sent as little more than its id.
      storedEvent('assessment_result_review_destroyed', { id: leadReview }, { receivedAt: at(5) }),
    ]);
    expect(await progress()).toBeUndefined();
    expect((await listReviewProgress(harness().store)).items).toEqual([]);
  });

  it("counts states named like an object's own properties as any other state", async () => {
    await harness().given([
      review('assessment_result_review_created', 0, { state: 'constructor' }),
      review('assessment_result_review_created', 1, { id: peerReview, state: '__proto__' }),
      review('assessment_result_review_created', 2, {
        id: objectId('review', 3),
        state: 'toString',
      }),
      review('assessment_result_review_created', 3, {
        id: objectId('review', 4),
        state: 'constructor',
      }),
    ]);
    const summary = await progress();
    expect(summary?.reviewCount).toBe(4);
    expect(Object.entries(summary?.counts ?? {}).sort()).toEqual([
      ['__proto__', 1],
      ['constructor', 2],
      ['toString', 1],
    ]);
    expect(summary?.reviews).toHaveLength(4);
  });

  it('changes nothing for a repeated delivery', async () => {
    const submitted = peerSubmits(1, 4);
    await harness().given([
      submitted,
      peerSubmits(2, 2),
      redelivery(submitted, { receivedAt: at(3), eventName: 'assessment_result_review.submitted' }),
    ]);
    expect(await progress()).toMatchObject({ averageRating: 2, updatedAt: at(2) });
  });
});

describe('reading reviews by reviewer and state', () => {
  const harness = useProjectionHarness(reviewProgressProjection);
  const otherResult = objectId('result', 9);

  beforeEach(async () => {
    await harness().given([
      review('assessment_result_review_created', 0),
      peerSubmits(1, 5),
      review('assessment_result_review_created', 2, {
        id: objectId('review', 3),
        reviewed_by_id: peer,
        assessment_result_id: otherResult,
      }),
      review('assessment_result_review_submitted', 3, {
        id: objectId('review', 4),
        reviewed_by_id: peer,
        assessment_result_id: otherResult,
      }),
    ]);
  });

  it("lists a reviewer's reviews not yet submitted", async () => {
    const pending = await listPendingReviews(harness().store, peer);
    expect(pending.items.map((r) => r.id)).toEqual([objectId('review', 3)]);
    expect((await listPendingReviews(harness().store, lead)).items.map((r) => r.id)).toEqual([
      leadReview,
    ]);
  });

  it('filters reviews by reviewer and state, page by page', async () => {
    const first = await listReviews(harness().store, { reviewerId: peer, limit: 2 });
    const second = await listReviews(harness().store, {
      reviewerId: peer,
      limit: 2,
      after: first.next,
    });
    expect([...first.items, ...second.items].map((r) => r.id)).toEqual(
      [4, 3, 2].map((n) => objectId('review', n)),
    );
    const submitted = await listReviews(harness().store, { state: 'submitted' });
    expect(submitted.items.map((r) => r.id)).toEqual([4, 2].map((n) => objectId('review', n)));
  });

  it('lists progress by whether it is complete', async () => {
    const open = await listReviewProgress(harness().store, { complete: false });
    expect(open.items.map((p) => [p.assessmentResultId, p.counts])).toEqual(
      [
        [result, { invited: 1, submitted: 1 }],
        [otherResult, { invited: 1, submitted: 1 }],
      ].sort((a, b) => String(b[0]).localeCompare(String(a[0]))),
    );
    expect((await listReviewProgress(harness().store, { complete: true })).items).toEqual([]);
  });
});
