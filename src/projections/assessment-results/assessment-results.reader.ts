import type { SqlExecutor } from '../../readstore/read-store.port.js';
import { liveTables } from '../projection.js';
import { Conditions } from '../shared/conditions.js';
import { bool } from '../shared/values.js';
import { assessmentResultsProjection } from './assessment-results.projection.js';
import {
  RESULT_COLUMNS,
  SOLUTION_COLUMNS,
  type ResultRow,
  type SolutionRow,
} from './assessment-results.tables.js';
import { type Page, pageByKeyDescending, type PageRequest } from '../shared/pagination.js';

export interface AssessmentResultSummary {
  id: string;
  teamCandidateId: string | null;
  candidateName: string | null;
  candidateEmail: string | null;
  assessmentId: string | null;
  assessmentTitle: string | null;
  state: string | null;
  score: number | null;
  passed: boolean | null;
  accumulatedSeconds: number | null;
  invitedAt: string | null;
  startedAt: string | null;
  submittedAt: string | null;
  abandoned: boolean | null;
  candidateRemarks: string | null;
  updatedAt: string;
}

export interface SolutionView {
  id: string;
  challengeId: string | null;
  challengeTitle: string | null;
  type: string | null;
  language: string | null;
  score: number | null;
  passed: boolean | null;
  passedTestCases: number | null;
  totalTestCases: number | null;
  attempts: number | null;
  completedAt: string | null;
}

export interface AssessmentResultView extends AssessmentResultSummary {
  solutions: SolutionView[];
}

export interface AssessmentResultQuery extends PageRequest {
  candidateId?: string;
  assessmentId?: string;
  state?: string;
  passed?: boolean;
}

const t = liveTables(assessmentResultsProjection);

export async function getAssessmentResult(
  db: SqlExecutor,
  id: string,
): Promise<AssessmentResultView | undefined> {
  const [row] = await db.query<ResultRow>(
    `SELECT ${RESULT_COLUMNS.join(', ')} FROM ${t.assessment_results} WHERE id = ?`,
    [id],
  );
  if (!row) return undefined;
  const solutions = await db.query<SolutionRow>(
    `SELECT ${SOLUTION_COLUMNS.join(', ')} FROM ${t.assessment_result_solutions}
     WHERE result_id = ? ORDER BY solution_id`,
    [id],
  );
  return { ...toSummary(row), solutions: solutions.map(toSolutionView) };
}

/** Results, the most recently created first (ids begin with their creation time). */
export async function listAssessmentResults(
  db: SqlExecutor,
  query: AssessmentResultQuery = {},
): Promise<Page<AssessmentResultSummary>> {
  const conditions = new Conditions()
    .addIf(query.candidateId, 'team_candidate_id = ?')
    .addIf(query.assessmentId, 'assessment_id = ?')
    .addIf(query.state, 'state = ?')
    .addIf(query.passed === undefined ? undefined : Number(query.passed), 'passed = ?');
  return pageByKeyDescending<ResultRow, AssessmentResultSummary>(
    db,
    { columns: RESULT_COLUMNS, table: t.assessment_results, key: 'id' },
    conditions,
    query,
    toSummary,
  );
}

function toSummary(row: ResultRow): AssessmentResultSummary {
  return {
    id: row.id,
    teamCandidateId: row.team_candidate_id,
    candidateName: row.candidate_name,
    candidateEmail: row.candidate_email,
    assessmentId: row.assessment_id,
    assessmentTitle: row.assessment_title,
    state: row.state,
    score: row.score,
    passed: bool(row.passed),
    accumulatedSeconds: row.accumulated_seconds,
    invitedAt: row.invited_at,
    startedAt: row.started_at,
    submittedAt: row.submitted_at,
    abandoned: bool(row.abandoned),
    candidateRemarks: row.candidate_remarks,
    updatedAt: row.updated_at,
  };
}

function toSolutionView(row: SolutionRow): SolutionView {
  return {
    id: row.solution_id,
    challengeId: row.challenge_id,
    challengeTitle: row.challenge_title,
    type: row.solution_type,
    language: row.language,
    score: row.score,
    passed: bool(row.passed),
    passedTestCases: row.passed_test_cases,
    totalTestCases: row.total_test_cases,
    attempts: row.attempts,
    completedAt: row.completed_at,
  };
}
