import type { AssessmentResult, Solution } from '../../events/payloads.js';
import { flag, int, num, record, text, timestamp } from '../shared/values.js';
import type { ResultRow, SolutionRow } from './assessment-results.tables.js';

export function resultRow(result: AssessmentResult, receivedAt: string): ResultRow {
  const person = record(result.candidate);
  const assessment = record(result.assessment);
  const name = [text(person?.first_name), text(person?.last_name)].filter((part) => part).join(' ');
  return {
    id: result.id,
    team_candidate_id: text(record(result.team_candidate)?.id),
    candidate_name: name || null,
    candidate_email: text(person?.email),
    assessment_id: text(assessment?.id),
    assessment_title: text(assessment?.title),
    state: text(result.state),
    score: num(result.score),
    passed: flag(result.passing_score),
    accumulated_seconds: int(result.accumulated_seconds),
    invited_at: timestamp(result.invited_at),
    started_at: timestamp(result.started_at),
    submitted_at: timestamp(result.submitted_at),
    abandoned: flag(result.abandoned),
    candidate_remarks: text(result.candidate_remarks),
    updated_at: receivedAt,
  };
}

/** A solution from a `solution_*` payload or embedded in a result (which then names its result). */
export function solutionRow(
  solution: Partial<Solution>,
  resultId: string,
  receivedAt: string,
): SolutionRow | undefined {
  const id = text(solution.id);
  if (!id) return undefined;
  const challenge = record(solution.challenge);
  return {
    solution_id: id,
    result_id: resultId,
    challenge_id: text(challenge?.id),
    challenge_title: text(challenge?.title),
    solution_type: text(solution._type),
    language: text(solution.language),
    score: num(solution.score),
    passed: flag(solution.passing_score),
    passed_test_cases: int(solution.passed_test_cases),
    total_test_cases: int(solution.total_test_cases),
    attempts: int(solution.attempts),
    completed_at: timestamp(solution.completed_at),
    updated_at: receivedAt,
  };
}
