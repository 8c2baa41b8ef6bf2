import type { TableNames } from '../projection.js';
import { appliedDeliveriesSchema } from '../shared/delivery.js';
import { resultProgressSchema } from '../shared/result-progress.js';
import { upsertSql } from '../shared/sql.js';

export const ASSESSMENT_RESULT_TABLES = [
  'assessment_results',
  'assessment_result_solutions',
  'assessment_result_progress',
  'assessment_result_deliveries',
] as const;

export type AssessmentResultTable = (typeof ASSESSMENT_RESULT_TABLES)[number];
type Tables = TableNames<AssessmentResultTable>;

/** One result as stored; `passed` and `abandoned` are 0 or 1. */
export interface ResultRow {
  id: string;
  team_candidate_id: string | null;
  candidate_name: string | null;
  candidate_email: string | null;
  assessment_id: string | null;
  assessment_title: string | null;
  state: string | null;
  score: number | null;
  passed: number | null;
  accumulated_seconds: number | null;
  invited_at: string | null;
  started_at: string | null;
  submitted_at: string | null;
  abandoned: number | null;
  candidate_remarks: string | null;
  /** When the last result payload applied was received. */
  updated_at: string;
}

export interface SolutionRow {
  solution_id: string;
  result_id: string;
  challenge_id: string | null;
  challenge_title: string | null;
  solution_type: string | null;
  language: string | null;
  score: number | null;
  passed: number | null;
  passed_test_cases: number | null;
  total_test_cases: number | null;
  attempts: number | null;
  completed_at: string | null;
  updated_at: string;
}

export const RESULT_COLUMNS = [
  'id',
  'team_candidate_id',
  'candidate_name',
  'candidate_email',
  'assessment_id',
  'assessment_title',
  'state',
  'score',
  'passed',
  'accumulated_seconds',
  'invited_at',
  'started_at',
  'submitted_at',
  'abandoned',
  'candidate_remarks',
  'updated_at',
] as const satisfies readonly (keyof ResultRow)[];

export const SOLUTION_COLUMNS = [
  'solution_id',
  'result_id',
  'challenge_id',
  'challenge_title',
  'solution_type',
  'language',
  'score',
  'passed',
  'passed_test_cases',
  'total_test_cases',
  'attempts',
  'completed_at',
  'updated_at',
] as const satisfies readonly (keyof SolutionRow)[];

export function assessmentResultSchema(t: Tables): string[] {
  const results = t.assessment_results;
  const solutions = t.assessment_result_solutions;
  return [
    `CREATE TABLE IF NOT EXISTS ${results} (
      id TEXT PRIMARY KEY,
      team_candidate_id TEXT,
      candidate_name TEXT,
      candidate_email TEXT,
      assessment_id TEXT,
      assessment_title TEXT,
      state TEXT,
      score REAL,
      passed INTEGER,
      accumulated_seconds INTEGER,
      invited_at TEXT,
      started_at TEXT,
      submitted_at TEXT,
      abandoned INTEGER,
      candidate_remarks TEXT,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX IF NOT EXISTS ${results}_by_candidate ON ${results} (team_candidate_id, id)`,
    `CREATE INDEX IF NOT EXISTS ${results}_by_assessment ON ${results} (assessment_id, id)`,
    `CREATE INDEX IF NOT EXISTS ${results}_by_state ON ${results} (state, id)`,
    `CREATE INDEX IF NOT EXISTS ${results}_by_passed ON ${results} (passed, id)`,
    `CREATE TABLE IF NOT EXISTS ${solutions} (
      solution_id TEXT PRIMARY KEY,
      result_id TEXT NOT NULL,
      challenge_id TEXT,
      challenge_title TEXT,
      solution_type TEXT,
      language TEXT,
      score REAL,
      passed INTEGER,
      passed_test_cases INTEGER,
      total_test_cases INTEGER,
      attempts INTEGER,
      completed_at TEXT,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX IF NOT EXISTS ${solutions}_by_result ON ${solutions} (result_id, solution_id)`,
    ...resultProgressSchema(t.assessment_result_progress),
    ...appliedDeliveriesSchema(t.assessment_result_deliveries),
  ];
}

/** A payload field that is missing or null keeps the known value. */
export function upsertResultSql(t: Tables): string {
  return upsertSql(t.assessment_results, RESULT_COLUMNS, 'id', { keepKnown: true });
}

/** A solution's attempts only grow: a payload with fewer is older and changes nothing. */
export function upsertSolutionSql(t: Tables): string {
  const table = t.assessment_result_solutions;
  return `${upsertSql(table, SOLUTION_COLUMNS, 'solution_id', { keepKnown: true })}
    WHERE COALESCE(excluded.attempts, 0) >= COALESCE(${table}.attempts, 0)`;
}

/** The result a solution belongs to, when no result payload has told of it yet. */
export function resultOfSolutionSql(t: Tables): string {
  return `INSERT INTO ${t.assessment_results} (id, team_candidate_id, assessment_id, updated_at)
    VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`;
}
