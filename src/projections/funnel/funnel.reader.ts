import type { SqlExecutor, SqlValue } from '../../readstore/read-store.port.js';
import { liveTables } from '../projection.js';
import {
  decodeCursor,
  pageSize,
  toPage,
  type Page,
  type PageRequest,
} from '../shared/pagination.js';
import { funnelProjection } from './funnel.projection.js';

export interface FunnelView {
  /** Null for the funnel over all assessments. */
  assessmentId: string | null;
  assessmentTitle: string | null;
  /** Candidates by their current state: of those with a result of the assessment, or all. */
  candidatesByState: Record<string, number>;
  results: number;
  resultsStarted: number;
  resultsSubmitted: number;
  resultsPassed: number;
  /** Passed of submitted; null before any is submitted. */
  passRate: number | null;
  /** From started_at to submitted_at, over submitted results with both. */
  medianSecondsToSubmit: number | null;
}

const t = liveTables(funnelProjection);

/** The funnel of one assessment, or over all of them when no id is given. */
export async function getFunnel(db: SqlExecutor, assessmentId?: string): Promise<FunnelView> {
  const [title, candidatesByState, counts, median] = await Promise.all([
    assessmentId === undefined ? null : assessmentTitle(db, assessmentId),
    candidatesByStateIn(db, assessmentId),
    resultCounts(db, assessmentId),
    medianSecondsToSubmit(db, assessmentId),
  ]);
  return {
    assessmentId: assessmentId ?? null,
    assessmentTitle: title,
    candidatesByState,
    ...counts,
    passRate: counts.resultsSubmitted === 0 ? null : counts.resultsPassed / counts.resultsSubmitted,
    medianSecondsToSubmit: median,
  };
}

/** The funnel of each assessment with results, by assessment id, the newest first. */
export async function listAssessmentFunnels(
  db: SqlExecutor,
  page: PageRequest = {},
): Promise<Page<FunnelView>> {
  const size = pageSize(page.limit);
  const after = page.after ? decodeCursor(page.after, ['string'])[0] : undefined;
  const rows = await db.query<{ assessment_id: string }>(
    `SELECT assessment_id FROM ${t.funnel_assessments}
     ${after === undefined ? '' : 'WHERE assessment_id < ?'}
     ORDER BY assessment_id DESC LIMIT ?`,
    after === undefined ? [size + 1] : [after, size + 1],
  );
  const ids = toPage(
    rows,
    size,
    (row) => row.assessment_id,
    (row) => [row.assessment_id],
  );
  return { items: await Promise.all(ids.items.map((id) => getFunnel(db, id))), next: ids.next };
}

/** Restricts a query on the results table to one assessment, when given. */
function inScope(assessmentId: string | undefined): { where: string; params: SqlValue[] } {
  return assessmentId === undefined
    ? { where: '', params: [] }
    : { where: 'WHERE assessment_id = ?', params: [assessmentId] };
}

async function assessmentTitle(db: SqlExecutor, assessmentId: string): Promise<string | null> {
  const [row] = await db.query<{ title: string | null }>(
    `SELECT title FROM ${t.funnel_assessments} WHERE assessment_id = ?`,
    [assessmentId],
  );
  return row?.title ?? null;
}

async function candidatesByStateIn(
  db: SqlExecutor,
  assessmentId: string | undefined,
): Promise<Record<string, number>> {
  const { where, params } = inScope(assessmentId);
  const candidates = where
    ? `AND candidate_id IN (SELECT candidate_id FROM ${t.funnel_results} ${where})`
    : '';
  const rows = await db.query<{ state: string; candidates: number }>(
    `SELECT state, COUNT(*) AS candidates FROM ${t.funnel_candidate_states}
     WHERE state IS NOT NULL ${candidates} GROUP BY state ORDER BY state`,
    params,
  );
  return Object.fromEntries(rows.map((row) => [row.state, Number(row.candidates)]));
}

async function resultCounts(db: SqlExecutor, assessmentId: string | undefined) {
  const { where, params } = inScope(assessmentId);
  const [row] = await db.query<Record<'results' | 'started' | 'submitted' | 'passed', SqlValue>>(
    `SELECT COUNT(*) AS results,
       COALESCE(SUM(started), 0) AS started,
       COALESCE(SUM(submitted), 0) AS submitted,
       COALESCE(SUM(CASE WHEN submitted = 1 AND passed = 1 THEN 1 ELSE 0 END), 0) AS passed
     FROM ${t.funnel_results} ${where}`,
    params,
  );
  return {
    results: Number(row.results),
    resultsStarted: Number(row.started),
    resultsSubmitted: Number(row.submitted),
    resultsPassed: Number(row.passed),
  };
}

/** The middle value (the mean of the two middle ones) read through the index on the times. */
async function medianSecondsToSubmit(
  db: SqlExecutor,
  assessmentId: string | undefined,
): Promise<number | null> {
  const { where, params } = inScope(assessmentId);
  const timed = `${where ? `${where} AND` : 'WHERE'} seconds_to_submit IS NOT NULL`;
  const [{ n }] = await db.query<{ n: SqlValue }>(
    `SELECT COUNT(*) AS n FROM ${t.funnel_results} ${timed}`,
    params,
  );
  const count = Number(n);
  if (count === 0) return null;
  const middle = await db.query<{ seconds: number }>(
    `SELECT seconds_to_submit AS seconds FROM ${t.funnel_results} ${timed}
     ORDER BY seconds_to_submit LIMIT ? OFFSET ?`,
    [...params, 2 - (count % 2), Math.floor((count - 1) / 2)],
  );
  return middle.reduce((sum, row) => sum + row.seconds, 0) / middle.length;
}
