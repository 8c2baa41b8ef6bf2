import {
  byId,
  type CandidateAnswer,
  type CandidateAnswers,
  type CatalogueAnswers,
  type FunnelAnswer,
  type ProgressAnswer,
  type ResultAnswer,
  type ReviewAnswer,
  type SolutionAnswer,
  type TimelineLine,
} from './answers.js';
import {
  arrivalOrder,
  type CandidatePlan,
  type Happening,
  type PlannedHistory,
  type ResultVersion,
  type Says,
} from './planned-history.js';

/*
 * What the read models must answer, worked out from the plan alone: which happenings were
 * delivered, in which order, and what each one tells. The promises, in the plan's terms:
 * - a repeated delivery changes nothing;
 * - a candidate is in the furthest state of its path that a delivery reported; a report of
 *   an earlier step arriving after a later one is late and moves nothing back;
 * - a step reported while the furthest step known is another than the one before it is a
 *   gap (a delivery is missing, or still to come);
 * - a result, a solution and a review show their newest version delivered; a destroyed
 *   review is gone.
 */

export interface Expected {
  plan: CandidatePlan;
  answers: CandidateAnswers;
  /** The newest version of the result that a result payload delivered: what the funnel counts. */
  newestResult: ResultVersion | undefined;
}

export function expectedOf(plan: CandidatePlan): Expected {
  const arrived = [...new Set(arrivalOrder(plan))];
  const { furthest, snapshotApplied, timeline } = followSteps(plan, arrived);
  const newestResult = newest(arrived, 'result', (says) => says.version);
  const reviews = expectedReviews(plan, arrived);
  return {
    plan,
    newestResult: newestResult === undefined ? undefined : plan.results[newestResult],
    answers: {
      candidate:
        furthest === 0 ? null : expectedCandidate(plan, arrived, furthest, snapshotApplied),
      timeline,
      result: expectedResult(plan, arrived, newestResult, reviews),
      reviews,
    },
  };
}

/** The funnel over every assessment, or over one. */
export function expectedFunnel(
  expected: Expected[],
  assessment?: { id: string; title: string },
): FunnelAnswer {
  const withResults = expected.filter(
    (each) => each.newestResult && (!assessment || each.plan.assessment.id === assessment.id),
  );
  const counted = assessment ? withResults : expected;
  const results = withResults.map((each) => each.newestResult!);
  const submitted = results.filter((result) => result.state === 'submitted');
  const passed = submitted.filter((result) => result.passed);
  return {
    assessmentId: assessment?.id ?? null,
    assessmentTitle: assessment && results.length > 0 ? assessment.title : null,
    candidatesByState: countBy(counted.flatMap((each) => each.answers.candidate?.state ?? [])),
    results: results.length,
    resultsStarted: results.filter(
      (result) => result.startedAt !== null || STARTED.includes(result.state),
    ).length,
    resultsSubmitted: submitted.length,
    resultsPassed: passed.length,
    passRate: submitted.length === 0 ? null : passed.length / submitted.length,
    medianSecondsToSubmit: median(
      submitted.map(
        (result) => (Date.parse(result.submittedAt!) - Date.parse(result.startedAt!)) / 1000,
      ),
    ),
  };
}

export function expectedCatalogue(history: PlannedHistory): CatalogueAnswers {
  const assessments = history.catalogue.map((assessment) => {
    const destroyed = assessment === history.destroyed;
    return {
      id: assessment.id,
      title: assessment.title,
      state: destroyed ? 'archived' : 'published',
      published: true,
      deleted: destroyed,
      challengeIds: assessment.challenges.map((challenge) => challenge.id),
    };
  });
  const challenges = history.catalogue.flatMap((assessment) =>
    assessment.challenges.map((challenge) => ({
      id: challenge.id,
      type: challenge._type,
      title: challenge.title,
      topics: challenge.topics,
      estimatedTime: challenge.estimated_time,
      published: true,
    })),
  );
  return { assessments: byId(assessments), challenges: byId(challenges) };
}

const STARTED = ['started', 'submitting', 'submitted'];

/** Walks the deliveries in arrival order, keeping the furthest step reported. */
function followSteps(plan: CandidatePlan, arrived: Happening[]) {
  let furthest = 0;
  let snapshotApplied = false;
  const timeline: TimelineLine[] = [];
  for (const { says } of arrived) {
    if (says.about === 'review') timeline.push(reviewLine(plan, says));
    if (says.about !== 'candidate' && says.about !== 'result') continue;
    const resultId = says.about === 'result' ? plan.resultId : null;
    const line = { ...EMPTY_LINE, from: plan.path[says.step - 1], to: plan.path[says.step] };
    if (says.step > furthest) {
      const gap = furthest > 0 && furthest !== says.step - 1;
      const expected = gap ? plan.path[furthest] : null;
      timeline.push({ ...line, kind: 'transition', expected, resultId });
    }
    if (says.step < furthest) timeline.push({ ...line, kind: 'late', resultId });
    if (says.about === 'candidate' && says.step >= furthest) snapshotApplied = true;
    furthest = Math.max(furthest, says.step);
  }
  return { furthest, snapshotApplied, timeline };
}

const EMPTY_LINE: TimelineLine = {
  kind: 'transition',
  from: null,
  to: null,
  expected: null,
  label: null,
  resultId: null,
  reviewId: null,
  reviewState: null,
};

function reviewLine(plan: CandidatePlan, says: Extract<Says, { about: 'review' }>): TimelineLine {
  const review = plan.reviews[says.review];
  return {
    ...EMPTY_LINE,
    kind: 'review',
    resultId: plan.resultId,
    reviewId: review.id,
    reviewState: review.versions[says.version].state,
  };
}

function expectedCandidate(
  plan: CandidatePlan,
  arrived: Happening[],
  furthest: number,
  snapshotApplied: boolean,
): CandidateAnswer {
  const { candidate, path } = plan;
  const submittedStep = path.indexOf('submitted');
  const scoreDelivered = arrived.some(
    ({ says }) =>
      (says.about === 'candidate' && submittedStep > 0 && says.step >= submittedStep) ||
      (says.about === 'result' && plan.results[says.version].score !== null),
  );
  return {
    id: candidate.id,
    name: `${candidate.firstName} ${candidate.lastName}`,
    firstName: candidate.firstName,
    lastName: candidate.lastName,
    email: candidate.email,
    anonymousName: candidate.anonymousName,
    state: path[furthest],
    prevState: path[furthest - 1],
    labels: [],
    testTeamMember: snapshotApplied ? candidate.testTeamMember : null,
    assessmentResultsCount: 1,
    highestScore: scoreDelivered ? candidate.highestScore : null,
  };
}

/** The result as its newest payload tells it; known from its solutions' events alone, bare. */
function expectedResult(
  plan: CandidatePlan,
  arrived: Happening[],
  newestVersion: number | undefined,
  reviews: ReviewAnswer[],
): ResultAnswer | null {
  const solutions = expectedSolutions(plan, arrived);
  if (newestVersion === undefined && solutions.length === 0) return null;
  const result = newestVersion === undefined ? undefined : plan.results[newestVersion];
  const { candidate, assessment } = plan;
  return {
    id: plan.resultId,
    teamCandidateId: candidate.id,
    candidateName: result ? `${candidate.firstName} ${candidate.lastName}` : null,
    candidateEmail: result ? candidate.email : null,
    assessmentId: assessment.id,
    assessmentTitle: result ? assessment.title : null,
    state: result?.state ?? null,
    score: result?.score ?? null,
    passed: result?.passed ?? null,
    accumulatedSeconds: result?.accumulatedSeconds ?? null,
    invitedAt: result?.invitedAt ?? null,
    startedAt: result?.startedAt ?? null,
    submittedAt: result?.submittedAt ?? null,
    abandoned: result?.abandoned ?? null,
    candidateRemarks: null,
    solutions,
    reviewProgress: expectedProgress(plan, reviews),
  };
}

/** Each solution's newest version, from its own events or embedded in a result payload. */
function expectedSolutions(plan: CandidatePlan, arrived: Happening[]): SolutionAnswer[] {
  const answers = plan.solutions.flatMap((solution, s) => {
    const versions = arrived.flatMap(({ says }) => {
      if (says.about === 'solution' && says.solution === s) return [says.version];
      return says.about === 'result' && s < says.solutions.length ? [says.solutions[s]] : [];
    });
    if (versions.length === 0) return [];
    const version = solution.versions[Math.max(...versions)];
    return [
      {
        id: solution.id,
        challengeId: solution.challenge.id,
        challengeTitle: solution.challenge.title,
        type: solution.challenge._type === 'QuizChallenge' ? 'QuizSolution' : 'CodeSolution',
        language: solution.language,
        score: version.score,
        passed: version.passed,
        passedTestCases: version.passedTestCases,
        totalTestCases: solution.totalTestCases,
        attempts: version.attempts,
        completedAt: version.completedAt,
      },
    ];
  });
  return byId(answers);
}

/** Each review's newest version delivered, but none of a destroyed review. */
function expectedReviews(plan: CandidatePlan, arrived: Happening[]): ReviewAnswer[] {
  const answers = plan.reviews.flatMap((review, r) => {
    const v = newest(arrived, 'review', (says) => (says.review === r ? says.version : undefined));
    const version = v === undefined ? undefined : review.versions[v];
    if (!version || version.destroyed) return [];
    return [
      {
        id: review.id,
        assessmentResultId: plan.resultId,
        teamCandidateId: plan.candidate.id,
        reviewerId: review.reviewerId,
        state: version.state,
        rating: version.rating,
        feedback: version.feedback,
        submittedAt: version.submittedAt,
        solutionReviews: version.solutionReviews,
      },
    ];
  });
  return byId(answers);
}

function expectedProgress(plan: CandidatePlan, reviews: ReviewAnswer[]): ProgressAnswer | null {
  if (reviews.length === 0) return null;
  const ratings = reviews.flatMap((review) =>
    review.state === 'submitted' && review.rating !== null ? [review.rating] : [],
  );
  return {
    assessmentResultId: plan.resultId,
    teamCandidateId: plan.candidate.id,
    reviewCount: reviews.length,
    counts: countBy(reviews.map((review) => review.state ?? 'unknown')),
    averageRating:
      ratings.length === 0 ? null : ratings.reduce((a, b) => a + b, 0) / ratings.length,
    complete: reviews.every((review) => review.state === 'submitted'),
  };
}

/** The highest version that the deliveries about one kind of thing tell of. */
function newest<A extends Says['about']>(
  arrived: Happening[],
  about: A,
  versionOf: (says: Extract<Says, { about: A }>) => number | undefined,
): number | undefined {
  const versions = arrived.flatMap(({ says }) => {
    const version =
      says.about === about ? versionOf(says as Extract<Says, { about: A }>) : undefined;
    return version === undefined ? [] : [version];
  });
  return versions.length === 0 ? undefined : Math.max(...versions);
}

function countBy(keys: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor((sorted.length - 1) / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle] + sorted[middle + 1]) / 2;
}
