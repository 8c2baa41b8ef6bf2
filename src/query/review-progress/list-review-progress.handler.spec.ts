import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  applyEvents,
  createTables,
  LogSequence,
} from '../../../test/support/projection-harness.js';
import { at, objectId } from '../../../test/support/scenario.js';
import { fixtureEvent } from '../../../test/support/stored-events.js';
import { assessmentResultsProjection } from '../../projections/assessment-results/assessment-results.projection.js';
import { liveTables, type Projection } from '../../projections/projection.js';
import { reviewProgressProjection } from '../../projections/review-progress/review-progress.projection.js';
import { MAX_PAGE_SIZE } from '../../projections/shared/pagination.js';
import type { SqlValue } from '../../readstore/read-store.port.js';
import { SqliteReadStore } from '../../readstore/sqlite-read-store.js';
import { ListReviewProgressHandler } from './list-review-progress.handler.js';
import { ListReviewProgressQuery } from './list-review-progress.query.js';

const backend = objectId('assessment', 1);
const frontend = objectId('assessment', 2);
const RESULTS = MAX_PAGE_SIZE + 20;

const resultOf = (n: number, assessmentId: string) =>
  fixtureEvent('assessment_result_started', {
    receivedAt: at(n),
    patch: { id: objectId('result', n), assessment: { id: assessmentId }, solutions: [] },
  });

const reviewOf = (n: number) =>
  fixtureEvent('assessment_result_review_created', {
    receivedAt: at(RESULTS + n),
    patch: { id: objectId('review', n), assessment_result_id: objectId('result', n) },
  });

/** The read store, counting the queries it is asked. */
class CountingReadStore extends SqliteReadStore {
  queries = 0;

  override query<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    this.queries += 1;
    return super.query<T>(sql, params);
  }
}

describe("review progress of an assessment's results", () => {
  let dir: string;
  let store: CountingReadStore;
  let handler: ListReviewProgressHandler;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-review-progress-'));
    store = new CountingReadStore(join(dir, 'read.sqlite'));
    // Results 1 to RESULTS of the backend assessment, one frontend result between them,
    // and reviews of the oldest and the newest backend results only.
    const events = [
      ...Array.from({ length: RESULTS }, (_, i) => resultOf(i + 1, backend)),
      resultOf(RESULTS + 1, frontend),
      reviewOf(1),
      reviewOf(RESULTS),
      reviewOf(RESULTS + 1),
    ];
    const recorded = new LogSequence().record(events);
    for (const projection of [
      assessmentResultsProjection,
      reviewProgressProjection,
    ] as Projection[]) {
      const tables = liveTables(projection);
      await createTables(store, projection, tables);
      await store.transaction((tx) => applyEvents(projection, tx, tables, recorded));
    }
    handler = new ListReviewProgressHandler(store);
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const page = (limit: number, after?: string | null) =>
    handler.execute(new ListReviewProgressQuery(backend, { limit, after }));

  it('finds the few results with reviews among hundreds without', async () => {
    const all = await page(10);
    expect(all.items.map((p) => p.assessmentResultId)).toEqual([
      objectId('result', RESULTS),
      objectId('result', 1),
    ]);
    expect(all.next).toBeNull();
  });

  it('pages past the results without reviews', async () => {
    const first = await page(1);
    expect(first.items.map((p) => p.assessmentResultId)).toEqual([objectId('result', RESULTS)]);
    const second = await page(1, first.next);
    expect(second.items.map((p) => p.assessmentResultId)).toEqual([objectId('result', 1)]);
    expect(second.next).toBeNull();
  });

  it('reads each page in one query, however many results without reviews it passes', async () => {
    const before = store.queries;
    const first = await page(1);
    await page(1, first.next);
    expect(store.queries - before).toBe(2);
  });
});
