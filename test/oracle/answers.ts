import type {
  AssessmentResultView,
  SolutionView,
} from '../../src/projections/assessment-results/assessment-results.reader.js';
import type { TimelineEntryView } from '../../src/projections/candidate-timeline/candidate-timeline.reader.js';
import type {
  AssessmentView,
  ChallengeView,
} from '../../src/projections/catalogue/catalogue.reader.js';
import type { FunnelView } from '../../src/projections/funnel/funnel.reader.js';
import type {
  ReviewProgressSummary,
  ReviewView,
} from '../../src/projections/review-progress/review-progress.reader.js';
import type { TeamCandidateView } from '../../src/projections/team-candidates/team-candidates.reader.js';
import { TIMELINE_CSV_COLUMNS } from '../../src/query/candidate-timeline/timeline-download.js';

/*
 * The parts of the query API's answers the oracle compares: everything a planned history
 * determines, which leaves out the times the ledger received deliveries at.
 */

export const CANDIDATE_FIELDS = [
  'id',
  'name',
  'firstName',
  'lastName',
  'email',
  'anonymousName',
  'state',
  'prevState',
  'labels',
  'testTeamMember',
  'assessmentResultsCount',
  'highestScore',
] as const;

/** When and under which event an entry was received: facts of the delivery, not of the plan. */
const RECEIVED_AS = ['seq', 'at', 'eventId', 'eventType', 'eventName'] as const;

export const TIMELINE_FIELDS = TIMELINE_CSV_COLUMNS.filter(
  (column): column is Exclude<typeof column, (typeof RECEIVED_AS)[number]> =>
    !(RECEIVED_AS as readonly string[]).includes(column),
);

export const RESULT_FIELDS = [
  'id',
  'teamCandidateId',
  'candidateName',
  'candidateEmail',
  'assessmentId',
  'assessmentTitle',
  'state',
  'score',
  'passed',
  'accumulatedSeconds',
  'invitedAt',
  'startedAt',
  'submittedAt',
  'abandoned',
  'candidateRemarks',
] as const;

export const SOLUTION_FIELDS = [
  'id',
  'challengeId',
  'challengeTitle',
  'type',
  'language',
  'score',
  'passed',
  'passedTestCases',
  'totalTestCases',
  'attempts',
  'completedAt',
] as const;

export const PROGRESS_FIELDS = [
  'assessmentResultId',
  'teamCandidateId',
  'reviewCount',
  'counts',
  'averageRating',
  'complete',
] as const;

export const REVIEW_FIELDS = [
  'id',
  'assessmentResultId',
  'teamCandidateId',
  'reviewerId',
  'state',
  'rating',
  'feedback',
  'submittedAt',
  'solutionReviews',
] as const;

export const FUNNEL_FIELDS = [
  'assessmentId',
  'assessmentTitle',
  'candidatesByState',
  'results',
  'resultsStarted',
  'resultsSubmitted',
  'resultsPassed',
  'passRate',
  'medianSecondsToSubmit',
] as const;

export const ASSESSMENT_FIELDS = [
  'id',
  'title',
  'state',
  'published',
  'deleted',
  'challengeIds',
] as const;

export const CHALLENGE_FIELDS = [
  'id',
  'type',
  'title',
  'topics',
  'estimatedTime',
  'published',
] as const;

type Fields<T, F extends readonly (keyof T)[]> = Pick<T, F[number]>;

export type CandidateAnswer = Fields<TeamCandidateView, typeof CANDIDATE_FIELDS>;
export type TimelineLine = Fields<TimelineEntryView, typeof TIMELINE_FIELDS>;
export type SolutionAnswer = Fields<SolutionView, typeof SOLUTION_FIELDS>;
export type ProgressAnswer = Fields<ReviewProgressSummary, typeof PROGRESS_FIELDS>;
export type ResultAnswer = Fields<AssessmentResultView, typeof RESULT_FIELDS> & {
  solutions: SolutionAnswer[];
  reviewProgress: ProgressAnswer | null;
};
export type ReviewAnswer = Fields<ReviewView, typeof REVIEW_FIELDS>;
export type FunnelAnswer = Fields<FunnelView, typeof FUNNEL_FIELDS>;
export type AssessmentAnswer = Fields<AssessmentView, typeof ASSESSMENT_FIELDS>;
export type ChallengeAnswer = Fields<ChallengeView, typeof CHALLENGE_FIELDS>;

/** What the read models answer about one candidate of the plan. */
export interface CandidateAnswers {
  /** Null: not found. */
  candidate: CandidateAnswer | null;
  timeline: TimelineLine[];
  result: ResultAnswer | null;
  /** The result's reviews, by id. */
  reviews: ReviewAnswer[];
}

export interface CatalogueAnswers {
  /** Destroyed ones included, by id. */
  assessments: AssessmentAnswer[];
  /** By id. */
  challenges: ChallengeAnswer[];
}

export function pick<F extends string>(item: Record<string, unknown>, fields: readonly F[]) {
  return Object.fromEntries(fields.map((field) => [field, item[field]])) as Record<F, unknown>;
}

export function byId<T extends { id: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.id.localeCompare(b.id));
}
