import { defineTable, type RowOf } from '../../readstore/table.js';

/** Assessments; `challenge_ids` is a JSON list; `published` and `deleted` are 0 or 1. */
const assessments = defineTable({
  columns: {
    id: { type: 'text' },
    title: { type: 'text', nullable: true },
    summary: { type: 'text', nullable: true },
    purpose: { type: 'text', nullable: true },
    state: { type: 'text', nullable: true },
    /** Once published, an assessment stays so (archiving does not unpublish it). */
    published: { type: 'integer' },
    published_at: { type: 'text', nullable: true },
    /** Destroyed upstream, which is a soft delete: the assessment is kept and flagged. */
    deleted: { type: 'integer' },
    deleted_at: { type: 'text', nullable: true },
    challenge_ids: { type: 'text' },
    updated_at: { type: 'text' },
  },
  key: ['id'],
  indexes: { by_deleted: ['deleted', 'id'], by_state: ['state', 'id'] },
});

/**
 * Challenges; `topics` is a JSON list. A removed (destroyed) challenge keeps its row,
 * flagged, so that a late delivery cannot bring it back.
 */
const challenges = defineTable({
  columns: {
    id: { type: 'text' },
    challenge_type: { type: 'text', nullable: true },
    title: { type: 'text', nullable: true },
    summary: { type: 'text', nullable: true },
    topics: { type: 'text' },
    estimated_time: { type: 'integer', nullable: true },
    published: { type: 'integer' },
    removed: { type: 'integer' },
    updated_at: { type: 'text' },
  },
  key: ['id'],
  indexes: { by_removed: ['removed', 'id'], by_type: ['challenge_type', 'id'] },
});

export const CATALOGUE_TABLES = {
  catalogue_assessments: assessments,
  catalogue_challenges: challenges,
};

export type AssessmentRow = RowOf<typeof assessments.columns>;
export type ChallengeRow = RowOf<typeof challenges.columns>;
export const ASSESSMENT_COLUMNS = assessments.columnNames;
export const CHALLENGE_COLUMNS = challenges.columnNames;

type Tables = Readonly<Record<keyof typeof CATALOGUE_TABLES, string>>;

export function selectAssessmentSql(t: Tables): string {
  return `SELECT ${ASSESSMENT_COLUMNS.join(', ')} FROM ${t.catalogue_assessments} WHERE id = ?`;
}

export function selectChallengeSql(t: Tables): string {
  return `SELECT ${CHALLENGE_COLUMNS.join(', ')} FROM ${t.catalogue_challenges} WHERE id = ?`;
}
