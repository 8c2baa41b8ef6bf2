import { EventType } from '../../events/event-types.js';
import type { AssessmentResultReview } from '../../events/payloads.js';
import type { SqlExecutor } from '../../readstore/read-store.port.js';
import type { Projection, TableNames } from '../projection.js';
import { firstDelivery, type Delivery } from '../shared/delivery.js';
import { valuesOf } from '../shared/sql.js';
import { isBehind, reviewStateRank } from '../shared/state-order.js';
import { progressRow, reviewRow } from './review-progress-rows.js';
import {
  deleteProgressSql,
  liveReviewsOfResultSql,
  PROGRESS_COLUMNS,
  REVIEW_COLUMNS,
  REVIEW_PROGRESS_TABLES,
  reviewProgressSchema,
  selectReviewSql,
  upsertProgressSql,
  upsertReviewSql,
  type ReviewProgressTable,
  type ReviewRow,
} from './review-progress.tables.js';

type Tables = TableNames<ReviewProgressTable>;

/**
 * Reviews and, per assessment result, how far its reviews have got. Idempotent through the
 * table of applied deliveries; a review payload behind the known state (invited < started <
 * submitted) changes nothing, and a destroyed review stays gone.
 */
export const reviewProgressProjection: Projection<ReviewProgressTable> = {
  name: 'review-progress',
  version: 1,
  eventTypes: [
    EventType.AssessmentResultReviewCreated,
    EventType.AssessmentResultReviewUpdated,
    EventType.AssessmentResultReviewSubmitted,
    EventType.AssessmentResultReviewDestroyed,
  ],
  tables: REVIEW_PROGRESS_TABLES,
  schema: reviewProgressSchema,

  async apply(recorded, tx, t) {
    const delivery = await firstDelivery(recorded, tx, t.review_progress_deliveries);
    if (!delivery) return;
    const { event } = delivery;
    switch (event.type) {
      case EventType.AssessmentResultReviewCreated:
      case EventType.AssessmentResultReviewUpdated:
      case EventType.AssessmentResultReviewSubmitted:
        return applyReview(tx, t, delivery, event.data, false);
      case EventType.AssessmentResultReviewDestroyed:
        return applyReview(tx, t, delivery, event.data, true);
    }
  },
};

async function applyReview(
  tx: SqlExecutor,
  t: Tables,
  delivery: Delivery,
  data: AssessmentResultReview,
  destroyed: boolean,
) {
  const [known] = await tx.query<ReviewRow>(selectReviewSql(t), [data.id]);
  const row = reviewRow(data, delivery.receivedAt, destroyed);
  if (known && !destroyed && isStale(known, row)) return;
  await tx.execute(upsertReviewSql(t), valuesOf(row, REVIEW_COLUMNS));
  // A destroyed review's payload may name nothing but the review.
  const resultId = row.assessment_result_id ?? known?.assessment_result_id;
  if (resultId) await refreshProgress(tx, t, resultId, delivery.receivedAt);
}

function isStale(known: ReviewRow, row: ReviewRow): boolean {
  return (
    known.destroyed === 1 || isBehind(reviewStateRank(known.state), reviewStateRank(row.state))
  );
}

async function refreshProgress(tx: SqlExecutor, t: Tables, resultId: string, at: string) {
  const reviews = await tx.query<ReviewRow>(liveReviewsOfResultSql(t), [resultId]);
  const progress = progressRow(resultId, reviews, at);
  if (progress) await tx.execute(upsertProgressSql(t), valuesOf(progress, PROGRESS_COLUMNS));
  else await tx.execute(deleteProgressSql(t), [resultId]);
}
