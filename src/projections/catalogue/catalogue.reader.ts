import type { SqlExecutor } from '../../readstore/read-store.port.js';
import { liveTables } from '../projection.js';
import { Conditions } from '../shared/conditions.js';
import { parseList } from '../shared/values.js';
import { catalogueProjection } from './catalogue.projection.js';
import {
  ASSESSMENT_COLUMNS,
  CHALLENGE_COLUMNS,
  selectAssessmentSql,
  selectChallengeSql,
  type AssessmentRow,
  type ChallengeRow,
} from './catalogue.tables.js';
import { type Page, pageByKeyDescending, type PageRequest } from '../shared/pagination.js';

export interface AssessmentView {
  id: string;
  title: string | null;
  summary: string | null;
  purpose: string | null;
  state: string | null;
  /** It has been published (it stays so when archived). */
  published: boolean;
  publishedAt: string | null;
  /** Destroyed upstream: a soft delete. */
  deleted: boolean;
  deletedAt: string | null;
  challengeIds: string[];
  updatedAt: string;
}

export interface ChallengeView {
  id: string;
  type: string | null;
  title: string | null;
  summary: string | null;
  topics: string[];
  /** Minutes. */
  estimatedTime: number | null;
  published: boolean;
  updatedAt: string;
}

export interface AssessmentQuery extends PageRequest {
  state?: string;
  /** Soft-deleted assessments are left out unless asked for. */
  includeDeleted?: boolean;
}

export interface ChallengeQuery extends PageRequest {
  type?: string;
}

const t = liveTables(catalogueProjection);

/** An assessment, also a soft-deleted one. */
export async function getAssessment(
  db: SqlExecutor,
  id: string,
): Promise<AssessmentView | undefined> {
  const [row] = await db.query<AssessmentRow>(selectAssessmentSql(t), [id]);
  return row && toAssessmentView(row);
}

/** Assessments, the most recently created first. */
export async function listAssessments(
  db: SqlExecutor,
  query: AssessmentQuery = {},
): Promise<Page<AssessmentView>> {
  const conditions = new Conditions().addIf(query.state, 'state = ?');
  if (!query.includeDeleted) conditions.add('deleted = 0');
  return pageByKeyDescending<AssessmentRow, AssessmentView>(
    db,
    { columns: ASSESSMENT_COLUMNS, table: t.catalogue_assessments, key: 'id' },
    conditions,
    query,
    toAssessmentView,
  );
}

/** A challenge; undefined once it is destroyed. */
export async function getChallenge(
  db: SqlExecutor,
  id: string,
): Promise<ChallengeView | undefined> {
  const [row] = await db.query<ChallengeRow>(selectChallengeSql(t), [id]);
  return row && row.removed === 0 ? toChallengeView(row) : undefined;
}

/** Challenges not destroyed, the most recently created first. */
export async function listChallenges(
  db: SqlExecutor,
  query: ChallengeQuery = {},
): Promise<Page<ChallengeView>> {
  const conditions = new Conditions().addIf(query.type, 'challenge_type = ?').add('removed = 0');
  return pageByKeyDescending<ChallengeRow, ChallengeView>(
    db,
    { columns: CHALLENGE_COLUMNS, table: t.catalogue_challenges, key: 'id' },
    conditions,
    query,
    toChallengeView,
  );
}

function toAssessmentView(row: AssessmentRow): AssessmentView {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    purpose: row.purpose,
    state: row.state,
    published: row.published === 1,
    publishedAt: row.published_at,
    deleted: row.deleted === 1,
    deletedAt: row.deleted_at,
    challengeIds: parseList<string>(row.challenge_ids),
    updatedAt: row.updated_at,
  };
}

function toChallengeView(row: ChallengeRow): ChallengeView {
  return {
    id: row.id,
    type: row.challenge_type,
    title: row.title,
    summary: row.summary,
    topics: parseList<string>(row.topics),
    estimatedTime: row.estimated_time,
    published: row.published === 1,
    updatedAt: row.updated_at,
  };
}
