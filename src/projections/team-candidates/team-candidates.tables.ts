import type { TableNames } from '../projection.js';
import { appliedDeliveriesSchema } from '../shared/delivery.js';
import { candidateStatesSchema } from '../shared/candidate-state.js';
import { resultProgressSchema } from '../shared/result-progress.js';
import { upsertSql } from '../shared/sql.js';

export const TEAM_CANDIDATE_TABLES = [
  'team_candidates',
  'team_candidate_labels',
  'team_candidate_search_terms',
  'team_candidate_results',
  'team_candidate_states',
  'team_candidate_result_progress',
  'team_candidate_deliveries',
] as const;

export type TeamCandidateTable = (typeof TEAM_CANDIDATE_TABLES)[number];
type Tables = TableNames<TeamCandidateTable>;

/** One candidate as stored; `labels` is a JSON list, `test_team_member` 0 or 1. */
export interface CandidateRow {
  id: string;
  name: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  anonymous_name: string | null;
  state: string | null;
  prev_state: string | null;
  labels: string;
  test_team_member: number | null;
  assessment_results_count: number | null;
  highest_score: number | null;
  first_seen_at: string;
  last_activity_at: string;
}

export const CANDIDATE_COLUMNS = [
  'id',
  'name',
  'first_name',
  'last_name',
  'email',
  'anonymous_name',
  'state',
  'prev_state',
  'labels',
  'test_team_member',
  'assessment_results_count',
  'highest_score',
  'first_seen_at',
  'last_activity_at',
] as const satisfies readonly (keyof CandidateRow)[];

export function teamCandidateSchema(t: Tables): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${t.team_candidates} (
      id TEXT PRIMARY KEY,
      name TEXT,
      first_name TEXT,
      last_name TEXT,
      email TEXT,
      anonymous_name TEXT,
      state TEXT,
      prev_state TEXT,
      labels TEXT NOT NULL,
      test_team_member INTEGER,
      assessment_results_count INTEGER,
      highest_score REAL,
      first_seen_at TEXT NOT NULL,
      last_activity_at TEXT NOT NULL
    )`,
    `CREATE INDEX IF NOT EXISTS ${t.team_candidates}_by_activity
      ON ${t.team_candidates} (last_activity_at, id)`,
    `CREATE INDEX IF NOT EXISTS ${t.team_candidates}_by_state
      ON ${t.team_candidates} (state, last_activity_at, id)`,
    `CREATE TABLE IF NOT EXISTS ${t.team_candidate_labels} (
      candidate_id TEXT NOT NULL,
      label TEXT NOT NULL,
      PRIMARY KEY (candidate_id, label)
    )`,
    `CREATE INDEX IF NOT EXISTS ${t.team_candidate_labels}_by_label
      ON ${t.team_candidate_labels} (label, candidate_id)`,
    // Lower-case names, their words and the email, for prefix search through an index.
    `CREATE TABLE IF NOT EXISTS ${t.team_candidate_search_terms} (
      candidate_id TEXT NOT NULL,
      term TEXT NOT NULL,
      PRIMARY KEY (candidate_id, term)
    )`,
    `CREATE INDEX IF NOT EXISTS ${t.team_candidate_search_terms}_by_term
      ON ${t.team_candidate_search_terms} (term, candidate_id)`,
    // The results known for each candidate, from result and solution payloads.
    `CREATE TABLE IF NOT EXISTS ${t.team_candidate_results} (
      result_id TEXT PRIMARY KEY,
      candidate_id TEXT NOT NULL,
      assessment_id TEXT,
      score REAL
    )`,
    `CREATE INDEX IF NOT EXISTS ${t.team_candidate_results}_by_candidate
      ON ${t.team_candidate_results} (candidate_id)`,
    `CREATE INDEX IF NOT EXISTS ${t.team_candidate_results}_by_assessment
      ON ${t.team_candidate_results} (assessment_id, candidate_id)`,
    ...candidateStatesSchema(t.team_candidate_states),
    ...resultProgressSchema(t.team_candidate_result_progress),
    ...appliedDeliveriesSchema(t.team_candidate_deliveries),
  ];
}

export function selectCandidateSql(t: Tables): string {
  return `SELECT ${CANDIDATE_COLUMNS.join(', ')} FROM ${t.team_candidates} WHERE id = ?`;
}

export function upsertCandidateSql(t: Tables): string {
  return upsertSql(t.team_candidates, CANDIDATE_COLUMNS, 'id');
}

export function replaceLabelsSql(t: Tables) {
  return {
    remove: `DELETE FROM ${t.team_candidate_labels} WHERE candidate_id = ?`,
    insert: `INSERT INTO ${t.team_candidate_labels} (candidate_id, label) VALUES (?, ?)
      ON CONFLICT (candidate_id, label) DO NOTHING`,
  };
}

export function replaceSearchTermsSql(t: Tables) {
  return {
    remove: `DELETE FROM ${t.team_candidate_search_terms} WHERE candidate_id = ?`,
    insert: `INSERT INTO ${t.team_candidate_search_terms} (candidate_id, term) VALUES (?, ?)
      ON CONFLICT (candidate_id, term) DO NOTHING`,
  };
}

/** Links a result to its candidate; a score, once known, is only replaced by another. */
export function linkResultSql(t: Tables): string {
  const r = t.team_candidate_results;
  return `INSERT INTO ${r} (result_id, candidate_id, assessment_id, score) VALUES (?, ?, ?, ?)
    ON CONFLICT (result_id) DO UPDATE SET
      assessment_id = COALESCE(excluded.assessment_id, ${r}.assessment_id),
      score = COALESCE(excluded.score, ${r}.score)`;
}

export function resultStatsSql(t: Tables): string {
  return `SELECT COUNT(*) AS results, MAX(score) AS top_score
    FROM ${t.team_candidate_results} WHERE candidate_id = ?`;
}
