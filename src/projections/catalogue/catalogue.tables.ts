import type { TableNames } from '../projection.js';
import { appliedDeliveriesSchema } from '../shared/delivery.js';
import { upsertSql } from '../shared/sql.js';

export const CATALOGUE_TABLES = [
  'catalogue_assessments',
  'catalogue_challenges',
  'catalogue_deliveries',
] as const;

export type CatalogueTable = (typeof CATALOGUE_TABLES)[number];
type Tables = TableNames<CatalogueTable>;

/** An assessment; `challenge_ids` is a JSON list; `published` and `deleted` are 0 or 1. */
export interface AssessmentRow {
  id: string;
  title: string | null;
  summary: string | null;
  purpose: string | null;
  state: string | null;
  /** Once published, an assessment stays so (archiving does not unpublish it). */
  published: number;
  published_at: string | null;
  /** Destroyed upstream, which is a soft delete: the assessment is kept and flagged. */
  deleted: number;
  deleted_at: string | null;
  challenge_ids: string;
  updated_at: string;
}

/** A challenge; `topics` is a JSON list; `removed` is set when it is destroyed upstream. */
export interface ChallengeRow {
  id: string;
  challenge_type: string | null;
  title: string | null;
  summary: string | null;
  topics: string;
  estimated_time: number | null;
  published: number;
  removed: number;
  updated_at: string;
}

export const ASSESSMENT_COLUMNS = [
  'id',
  'title',
  'summary',
  'purpose',
  'state',
  'published',
  'published_at',
  'deleted',
  'deleted_at',
  'challenge_ids',
  'updated_at',
] as const satisfies readonly (keyof AssessmentRow)[];

export const CHALLENGE_COLUMNS = [
  'id',
  'challenge_type',
  'title',
  'summary',
  'topics',
  'estimated_time',
  'published',
  'removed',
  'updated_at',
] as const satisfies readonly (keyof ChallengeRow)[];

export function catalogueSchema(t: Tables): string[] {
  const assessments = t.catalogue_assessments;
  const challenges = t.catalogue_challenges;
  return [
    `CREATE TABLE IF NOT EXISTS ${assessments} (
      id TEXT PRIMARY KEY,
      title TEXT,
      summary TEXT,
      purpose TEXT,
      state TEXT,
      published INTEGER NOT NULL,
      published_at TEXT,
      deleted INTEGER NOT NULL,
      deleted_at TEXT,
      challenge_ids TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX IF NOT EXISTS ${assessments}_by_deleted ON ${assessments} (deleted, id)`,
    `CREATE INDEX IF NOT EXISTS ${assessments}_by_state ON ${assessments} (state, id)`,
    // A removed challenge keeps its row, flagged, so that a late delivery cannot bring it back.
    `CREATE TABLE IF NOT EXISTS ${challenges} (
      id TEXT PRIMARY KEY,
      challenge_type TEXT,
      title TEXT,
      summary TEXT,
      topics TEXT NOT NULL,
      estimated_time INTEGER,
      published INTEGER NOT NULL,
      removed INTEGER NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX IF NOT EXISTS ${challenges}_by_removed ON ${challenges} (removed, id)`,
    `CREATE INDEX IF NOT EXISTS ${challenges}_by_type ON ${challenges} (challenge_type, id)`,
    ...appliedDeliveriesSchema(t.catalogue_deliveries),
  ];
}

export function selectAssessmentSql(t: Tables): string {
  return `SELECT ${ASSESSMENT_COLUMNS.join(', ')} FROM ${t.catalogue_assessments} WHERE id = ?`;
}

export function selectChallengeSql(t: Tables): string {
  return `SELECT ${CHALLENGE_COLUMNS.join(', ')} FROM ${t.catalogue_challenges} WHERE id = ?`;
}

export function upsertAssessmentSql(t: Tables): string {
  return upsertSql(t.catalogue_assessments, ASSESSMENT_COLUMNS, 'id');
}

export function upsertChallengeSql(t: Tables): string {
  return upsertSql(t.catalogue_challenges, CHALLENGE_COLUMNS, 'id');
}

/** A challenge as an assessment embeds it: only fills in a challenge not known at all. */
export function insertEmbeddedChallengeSql(t: Tables): string {
  return `INSERT INTO ${t.catalogue_challenges} (${CHALLENGE_COLUMNS.join(', ')})
    VALUES (${CHALLENGE_COLUMNS.map(() => '?').join(', ')})
    ON CONFLICT (id) DO NOTHING`;
}
