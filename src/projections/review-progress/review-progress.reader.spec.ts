import { useProjectionHarness } from '../../../test/support/projection-harness.js';
import { at, objectId } from '../../../test/support/scenario.js';
import { fixtureEvent } from '../../../test/support/stored-events.js';
import { reviewProgressProjection } from './review-progress.projection.js';
import { listReviews } from './review-progress.reader.js';

const results = [1, 2, 3].map((n) => objectId('result', n));

const reviewCreated = (review: number, result: string, minute: number) =>
  fixtureEvent('assessment_result_review_created', {
    receivedAt: at(minute),
    patch: { id: objectId('review', review), assessment_result_id: result },
  });

describe('reading reviews by result', () => {
  const harness = useProjectionHarness(reviewProgressProjection);

  beforeEach(async () => {
    await harness().given([
      reviewCreated(1, results[0], 0),
      reviewCreated(2, results[0], 1),
      reviewCreated(3, results[2], 2),
    ]);
  });

  it('lists the reviews of one result', async () => {
    const reviews = await listReviews(harness().store, { assessmentResultId: results[0] });
    expect(reviews.items.map((r) => r.id)).toEqual([2, 1].map((n) => objectId('review', n)));
  });
});
