/**
 * The `data` of Qualified's webhooks, as its example payloads show it (snake_case).
 *
 * Lenient on purpose: only the top-level `id` is checked on ingestion, so every other field
 * may be missing or null, objects nested in a payload are typed `Partial`, enumerations are
 * open (a value we do not know yet is still a string), and fields Qualified adds later are
 * kept and typed `unknown`.
 */

interface OpenObject {
  [field: string]: unknown;
}

export type TeamCandidateState =
  | 'idle'
  | 'invited'
  | 'started'
  | 'submitted'
  | 'risk_detected'
  | 'reviewed'
  | 'approved'
  | 'rejected'
  | 'archived'
  | 'scheduled'
  | 'interviewed'
  | (string & {});

export type AssessmentResultState =
  'invited' | 'opened' | 'started' | 'submitting' | 'submitted' | 'terminated' | (string & {});

export type ReviewState = 'invited' | 'started' | 'submitted' | (string & {});

export type AssessmentState = 'draft' | 'published' | 'archived' | (string & {});

export type ChallengeType =
  'CodeChallenge' | 'AdvancedCodeChallenge' | 'QuizChallenge' | (string & {});

export type SolutionType = 'CodeSolution' | 'QuizSolution' | 'AdvancedCodeSolution' | (string & {});

/** 1 to 5; a three-point scale uses 1 ("Strong No"), 3 ("Neutral") and 5 ("Strong Yes"). */
export type ReviewRating = number;

export interface TeamCandidate extends OpenObject {
  id: string;
  anonymous_name?: string | null;
  email?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  name?: string | null;
  labels?: string[] | null;
  prev_state?: TeamCandidateState | null;
  state?: TeamCandidateState | null;
  test_team_member?: boolean | null;
  assessment_results_count?: number | null;
  highest_score?: number | null;
  /** Listed by the docs, never shown in an example. */
  recent_assessment_result?: unknown;
  /** Sent with `team_candidate_label_added`. */
  added_label?: string | null;
  /** Sent with `team_candidate_label_removed`. */
  removed_label?: string | null;
}

export interface Challenge extends OpenObject {
  id: string;
  _type?: ChallengeType | null;
  title?: string | null;
  estimated_time?: number | null;
  topics?: string[] | null;
  summary?: string | null;
  purpose?: string | null;
}

export interface Assessment extends OpenObject {
  id: string;
  title?: string | null;
  summary?: string | null;
  purpose?: string | null;
  state?: AssessmentState | null;
  challenges?: Partial<Challenge>[] | null;
}

export interface Solution extends OpenObject {
  id: string;
  _type?: SolutionType | null;
  assessment_id?: string | null;
  assessment_result_id?: string | null;
  team_candidate_id?: string | null;
  team_id?: string | null;
  attempts?: number | null;
  completed_at?: string | null;
  first_test_case_solved_at?: string | null;
  language?: string | null;
  passed_test_cases?: number | null;
  total_test_cases?: number | null;
  score?: number | null;
  wall_time?: number | null;
  failed_test_names?: string[] | null;
  submission_response_error?: string | null;
  /** Whether the score passed, not a threshold. */
  passing_score?: boolean | null;
  challenge?: Partial<Challenge> | null;
  ai_reviewable?: boolean | null;
  ai_reviewed?: boolean | null;
}

/** The person taking an assessment, as nested in an assessment result. */
export interface ResultCandidate extends OpenObject {
  email?: string | null;
  first_name?: string | null;
  last_name?: string | null;
}

/** The team candidate an assessment result belongs to, as nested in it. */
export interface ResultTeamCandidate extends OpenObject {
  id?: string | null;
  anonymous_name?: string | null;
  prev_state?: TeamCandidateState | null;
  state?: TeamCandidateState | null;
}

/** The assessment taken, as nested in an assessment result. */
export interface ResultAssessment extends OpenObject {
  id?: string | null;
  labels?: string[] | null;
  title?: string | null;
}

export interface AssessmentResult extends OpenObject {
  id: string;
  abandoned?: boolean | null;
  accumulated_seconds?: number | null;
  browser_user_agent?: string | null;
  candidate_remarks?: string | null;
  dry_run?: boolean | null;
  invited_at?: string | null;
  redirect_url?: string | null;
  review_ratings?: Record<string, unknown> | null;
  score?: number | null;
  started_at?: string | null;
  state?: AssessmentResultState | null;
  submitted_at?: string | null;
  workflow_name?: string | null;
  workflow_path_id?: string | null;
  workflow_trigger?: string | null;
  /** Whether the score passed, not a threshold. */
  passing_score?: boolean | null;
  candidate?: ResultCandidate | null;
  team_candidate?: ResultTeamCandidate | null;
  assessment?: ResultAssessment | null;
  /** The result's solutions, sent without their assessment, result, candidate and team ids. */
  solutions?: Partial<Solution>[] | null;
}

export interface SolutionReview extends OpenObject {
  rating?: ReviewRating | null;
  feedback?: string | null;
  challenge_id?: string | null;
  solution_id?: string | null;
}

export interface AssessmentResultReview extends OpenObject {
  id: string;
  feedback?: string | null;
  rating?: ReviewRating | null;
  state?: ReviewState | null;
  submitted_at?: string | null;
  reviewed_by_id?: string | null;
  team_candidate_id?: string | null;
  assessment_result_id?: string | null;
  solution_reviews?: SolutionReview[] | null;
}

/** The data of an event whose payload Qualified does not document (notes, pathways...). */
export interface UndocumentedResource extends OpenObject {
  id: string;
}
