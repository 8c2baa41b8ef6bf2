import { EventType } from '../../events/event-types.js';
import type { AssessmentResultReview } from '../../events/payloads.js';
import type { KnownRows, Need, Rows } from '../read-model/batch-rows.js';
import { defineReadModel, onResource, type Handler } from '../read-model/read-model.js';
import { keepKnown } from '../shared/keep-known.js';
import { isBehind, reviewStateRank } from '../shared/state-order.js';
import { parseList, text } from '../shared/values.js';
import { progressRow, reviewRow } from './review-progress-rows.js';
import { REVIEW_PROGRESS_TABLES, type ReviewRow } from './review-progress.tables.js';

type Tables = typeof REVIEW_PROGRESS_TABLES;

/**
 * A review, then the progress of its result summed up again from the result's live
 * reviews. A destroyed review's payload may name nothing but the review: its result is the
 * known one.
 */
const review: Handler<Tables, AssessmentResultReview> = {
  needs(_, data, known) {
    const resultIds = new Set([
      text(data.assessment_result_id),
      known.get('reviews', data.id)?.assessment_result_id,
    ]);
    return [
      ['reviews', data.id],
      ...[...resultIds].flatMap((resultId) => (resultId ? reviewsOfResult(known, resultId) : [])),
    ];
  },
  evolve(delivery, data, rows) {
    const destroyed = delivery.event.type === EventType.AssessmentResultReviewDestroyed;
    const known = rows.get('reviews', data.id);
    const row = reviewRow(data, delivery.receivedAt, destroyed);
    if (known && !destroyed && isStale(known, row)) return;
    const review = keepKnown(known, row);
    rows.put('reviews', review);
    if (known) unlist(rows, known);
    list(rows, review);
    if (review.assessment_result_id) {
      refreshProgress(rows, review.assessment_result_id, delivery.receivedAt);
    }
  },
};

/** The result's list of reviews and each review on it. */
function reviewsOfResult(known: KnownRows<Tables>, resultId: string): Need<Tables>[] {
  const ids = reviewIds(known, resultId);
  return [['review_ids_by_result', resultId], ...ids.map((id) => ['reviews', id] as const)];
}

function isStale(known: ReviewRow, row: ReviewRow): boolean {
  return (
    known.destroyed === 1 || isBehind(reviewStateRank(known.state), reviewStateRank(row.state))
  );
}

function reviewIds(rows: KnownRows<Tables>, resultId: string): string[] {
  return parseList<string>(rows.get('review_ids_by_result', resultId)?.review_ids ?? null);
}

function saveReviewIds(rows: Rows<Tables>, resultId: string, ids: string[]) {
  if (ids.length === 0) rows.delete('review_ids_by_result', resultId);
  else
    rows.put('review_ids_by_result', {
      assessment_result_id: resultId,
      review_ids: JSON.stringify(ids),
    });
}

/** Takes a live review off its result's list. */
function unlist(rows: Rows<Tables>, review: ReviewRow) {
  const resultId = review.assessment_result_id;
  if (!resultId || review.destroyed === 1) return;
  saveReviewIds(
    rows,
    resultId,
    reviewIds(rows, resultId).filter((id) => id !== review.id),
  );
}

/** Puts a live review on its result's list, in the order SQLite sorts text: by UTF-8 bytes. */
function list(rows: Rows<Tables>, review: ReviewRow) {
  const resultId = review.assessment_result_id;
  if (!resultId || review.destroyed === 1) return;
  const ids = reviewIds(rows, resultId).filter((id) => id !== review.id);
  ids.push(review.id);
  ids.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  saveReviewIds(rows, resultId, ids);
}

function refreshProgress(rows: Rows<Tables>, resultId: string, at: string) {
  const reviews = reviewIds(rows, resultId).map((id) => rows.get('reviews', id) as ReviewRow);
  const progress = progressRow(resultId, reviews, at);
  if (progress) rows.put('review_progress', progress);
  else rows.delete('review_progress', resultId);
}

/**
 * Reviews and, per assessment result, how far its reviews have got. A review payload behind
 * the known state (invited < started < submitted) changes nothing, and a destroyed review
 * stays gone.
 */
export const reviewProgressProjection = defineReadModel({
  name: 'review-progress',
  version: 2,
  tables: REVIEW_PROGRESS_TABLES,
  handlers: {
    ...onResource('AssessmentResultReview', review),
  },
});
