import type { TableNames } from '../projection.js';
import { candidateStatesSchema } from '../shared/candidate-state.js';
import { appliedDeliveriesSchema } from '../shared/delivery.js';
import { resultProgressSchema } from '../shared/result-progress.js';
import { upsertSql } from '../shared/sql.js';

export const FUNNEL_TABLES = [
  'funnel_results',
  'funnel_assessments',
  'funnel_candidate_states',
  'funnel_result_progress',
  'funnel_deliveries',
] as const;

export type FunnelTable = (typeof FUNNEL_TABLES)[number];
type Tables = TableNames<FunnelTable>;

/** What the funnel needs of one result; flags are 0 or 1. */
export interface FunnelResultRow {
  result_id: string;
  assessment_id: string | null;
  candidate_id: string | null;
  started: number;
  submitted: number;
  /** As the payload says; it counts only for a submitted result. */
  passed: number | null;
  /** From started_at to submitted_at, of a submitted result with both. */
  seconds_to_submit: number | null;
}

export const FUNNEL_RESULT_COLUMNS = [
  'result_id',
  'assessment_id',
  'candidate_id',
  'started',
  'submitted',
  'passed',
  'seconds_to_submit',
] as const satisfies readonly (keyof FunnelResultRow)[];

export function funnelSchema(t: Tables): string[] {
  const results = t.funnel_results;
  return [
    `CREATE TABLE IF NOT EXISTS ${results} (
      result_id TEXT PRIMARY KEY,
      assessment_id TEXT,
      candidate_id TEXT,
      started INTEGER NOT NULL,
      submitted INTEGER NOT NULL,
      passed INTEGER,
      seconds_to_submit REAL
    )`,
    `CREATE INDEX IF NOT EXISTS ${results}_by_assessment ON ${results} (assessment_id, candidate_id)`,
    `CREATE INDEX IF NOT EXISTS ${results}_by_assessment_time
      ON ${results} (assessment_id, seconds_to_submit)`,
    `CREATE INDEX IF NOT EXISTS ${results}_by_time ON ${results} (seconds_to_submit)`,
    `CREATE TABLE IF NOT EXISTS ${t.funnel_assessments} (
      assessment_id TEXT PRIMARY KEY,
      title TEXT
    )`,
    ...candidateStatesSchema(t.funnel_candidate_states),
    ...resultProgressSchema(t.funnel_result_progress),
    ...appliedDeliveriesSchema(t.funnel_deliveries),
  ];
}

/** Ids a payload leaves out keep their known values. */
export function upsertFunnelResultSql(t: Tables): string {
  return upsertSql(t.funnel_results, FUNNEL_RESULT_COLUMNS, 'result_id', { keepKnown: true });
}

export function upsertAssessmentSql(t: Tables): string {
  return upsertSql(t.funnel_assessments, ['assessment_id', 'title'], 'assessment_id', {
    keepKnown: true,
  });
}
