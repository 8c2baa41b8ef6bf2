import { namesFor } from '../../src/events/event-catalog.js';
import { EventType } from '../../src/events/event-types.js';
import type { JsonObject } from '../../src/eventstore/event-store.port.js';
import { GeneratedCandidate } from '../../src/simulation/history/candidate.js';
import {
  generateCatalogue,
  type GeneratedAssessment,
  type GeneratedChallenge,
} from '../../src/simulation/history/catalogue.js';
import { Happenings, iso } from '../../src/simulation/history/happenings.js';
import { payloadDefaults } from '../../src/simulation/history/payload-defaults.js';
import { DAY, MINUTE, Random } from '../../src/simulation/history/random.js';
import type { WebhookBody } from '../../src/simulation/webhook-bodies.js';

/**
 * What a delivery tells, in the plan's own terms: a step of the candidate's path, a version
 * of the result, of a solution or of a review. The expected answers are worked out from
 * these, never from the payloads.
 */
export type Says =
  | { about: 'candidate'; step: number }
  /** A result payload also reports the candidate's step and embeds the solutions' versions. */
  | { about: 'result'; version: number; step: number; solutions: number[] }
  | { about: 'solution'; solution: number; version: number }
  | { about: 'review'; review: number; version: number };

/** How a happening's webhook reaches the ledger. */
export type Fate = 'on time' | 'late' | 'dropped';

export interface Happening {
  type: EventType;
  /** The name the webhook is sent under: the current one, or an older one. */
  eventName: string;
  data: JsonObject & { id: string };
  says: Says;
  fate: Fate;
  /** Delivered once more this many happenings later (a retry, a re-send); 0: once. */
  repeatAfter: number;
}

export interface ResultVersion {
  state: string;
  score: number | null;
  passed: boolean;
  accumulatedSeconds: number;
  invitedAt: string;
  startedAt: string | null;
  submittedAt: string | null;
  abandoned: boolean;
}

export interface SolutionVersion {
  attempts: number;
  score: number | null;
  passed: boolean;
  passedTestCases: number;
  completedAt: string | null;
}

export interface PlannedSolution {
  id: string;
  challenge: GeneratedChallenge;
  language: string | null;
  totalTestCases: number;
  versions: SolutionVersion[];
}

export interface SolutionReview {
  solutionId: string;
  challengeId: string;
  rating: number;
  feedback: string;
}

export interface ReviewVersion {
  state: 'invited' | 'started' | 'submitted';
  rating: number | null;
  feedback: string | null;
  submittedAt: string | null;
  solutionReviews: SolutionReview[];
  /** The review was destroyed: this version is its last. */
  destroyed: boolean;
}

export interface PlannedReview {
  id: string;
  reviewerId: string;
  versions: ReviewVersion[];
}

/** One candidate taking one assessment: what happens, and how each webhook of it is delivered. */
export interface CandidatePlan {
  candidate: GeneratedCandidate;
  assessment: GeneratedAssessment;
  /** 'idle', then each state the candidate enters: step n is the transition into path[n]. */
  path: string[];
  resultId: string;
  results: ResultVersion[];
  solutions: PlannedSolution[];
  reviews: PlannedReview[];
  /** In the order they happen. */
  happenings: Happening[];
}

export interface PlannedHistory {
  catalogue: GeneratedAssessment[];
  /** The assessment destroyed after the catalogue is published. */
  destroyed: GeneratedAssessment;
  /** Delivered first, in order, each once. */
  catalogueDeliveries: WebhookBody[];
  candidates: CandidatePlan[];
}

const DROPPED = 0.06;
const LATE = 0.08;
const REPEATED = 0.05;
const START = Date.parse('2025-01-06T08:00:00.000Z');

/**
 * A history made from a plan: per candidate, the states it goes through with its result,
 * solutions and reviews, and per webhook whether it is delivered on time, late, never, or
 * twice. The same seed gives the same plan.
 */
export function planHistory(options: { seed: number; candidates: number }): PlannedHistory {
  const random = new Random(options.seed);
  const out = new Happenings();
  const catalogue = generateCatalogue(random, out, START, 6);
  const destroyed = catalogue[catalogue.length - 1];
  out.add(START + DAY, EventType.AssessmentDestroyed, {
    id: destroyed.id,
    title: destroyed.title,
    state: 'archived',
  });
  const reviewers = Array.from({ length: 6 }, () => random.objectId(START));
  const candidates = Array.from({ length: options.candidates }, (_, n) =>
    planCandidate(random, n, random.pick(catalogue), reviewers),
  );
  const catalogueDeliveries = out.all.map(({ type, data }) => ({ event: type, data }));
  return { catalogue, destroyed, catalogueDeliveries, candidates };
}

/** The happenings of a candidate in the order their deliveries arrive; a repeat appears twice. */
export function arrivalOrder(plan: CandidatePlan): Happening[] {
  const arrivals = plan.happenings.flatMap((happening, i) => {
    if (happening.fate === 'dropped') return [];
    const at = happening.fate === 'late' ? lateArrival(plan.happenings, i) : i;
    const again = happening.repeatAfter > 0 ? [{ happening, at: at + happening.repeatAfter }] : [];
    return [{ happening, at }, ...again];
  });
  return arrivals.sort((a, b) => a.at - b.at).map((arrival) => arrival.happening);
}

/**
 * Where a late delivery arrives: just after the next happening; a result payload long
 * after, behind the next result payload and the candidate's next transition after that. The
 * ledger can tell a payload that far behind only by the newer result payload, so it is
 * held back that long only when that one arrives on time.
 */
function lateArrival(happenings: Happening[], i: number): number {
  const next = (about: Says['about'], after: number) =>
    happenings.findIndex((happening, j) => j > after && happening.says.about === about);
  if (happenings[i].says.about === 'result') {
    const newer = next('result', i);
    const transition = newer > 0 ? next('candidate', newer) : -1;
    if (transition > 0 && happenings[newer].fate === 'on time') return transition + 0.5;
  }
  return i + 1.5;
}

export function bodyOf(happening: Happening): WebhookBody {
  return { event: happening.eventName, data: happening.data };
}

function planCandidate(
  random: Random,
  n: number,
  assessment: GeneratedAssessment,
  reviewers: string[],
): CandidatePlan {
  const story = new CandidateStory(random, n, assessment);
  story.invite();
  if (random.chance(0.1)) {
    story.report(EventType.AssessmentResultStateChanged, { state: 'terminated', abandoned: true });
    return story.plan;
  }
  story.start();
  story.work();
  if (random.chance(0.08)) {
    story.report(EventType.AssessmentResultStateChanged, { state: 'terminated', abandoned: true });
    return story.plan;
  }
  story.submit();
  const reviewing = reviewers.filter(() => random.chance(0.25));
  const submitted = reviewing.filter((reviewer) => story.review(reviewer));
  if (submitted.length > 0) story.decide();
  return story.plan;
}

/** Writes a candidate's plan as it happens, deciding each webhook's delivery. */
class CandidateStory {
  readonly plan: CandidatePlan;
  private readonly out = new Happenings();
  private t: number;

  constructor(
    private readonly random: Random,
    n: number,
    assessment: GeneratedAssessment,
  ) {
    const candidate = new GeneratedCandidate(random, n, START + DAY);
    this.t = candidate.clock;
    this.plan = {
      candidate,
      assessment,
      path: ['idle'],
      resultId: random.objectId(this.t),
      results: [],
      solutions: [],
      reviews: [],
      happenings: [],
    };
  }

  invite(): void {
    this.plan.candidate.results = 1;
    this.enter('invited');
    this.report(EventType.AssessmentResultStateChanged, { state: 'invited' });
    this.report(EventType.AssessmentResultStateChanged, { state: 'opened' });
  }

  start(): void {
    this.enter('started');
    this.report(EventType.AssessmentResultStarted, { state: 'started', startedAt: iso(this.t) });
    for (const challenge of this.plan.assessment.challenges) this.createSolution(challenge);
  }

  work(): void {
    this.plan.solutions.forEach((_, s) => {
      const steps = this.random.int(1, 3);
      for (let step = 1; step <= steps; step++) this.attempt(s, step / steps);
    });
  }

  submit(): void {
    const startedAt = Date.parse(String(this.latestResult().startedAt));
    const accumulatedSeconds = Math.round((this.t - startedAt) / 1000);
    this.report(EventType.AssessmentResultStateChanged, {
      state: 'submitting',
      accumulatedSeconds,
    });
    const scores = this.plan.solutions.map((solution) => solution.versions.at(-1)!.score ?? 0);
    const score = Math.round((10 * scores.reduce((a, b) => a + b, 0)) / scores.length) / 10;
    this.plan.candidate.highestScore = score;
    this.enter('submitted');
    this.report(EventType.AssessmentResultSubmitted, {
      state: 'submitted',
      score,
      passed: score >= 70,
      submittedAt: iso(this.t),
    });
  }

  /** A review from invitation to submission, or to its destruction; true when submitted. */
  review(reviewerId: string): boolean {
    const r = this.plan.reviews.length;
    this.plan.reviews.push({ id: this.random.objectId(this.t), reviewerId, versions: [] });
    const invited: ReviewVersion = {
      state: 'invited',
      rating: null,
      feedback: null,
      submittedAt: null,
      solutionReviews: [],
      destroyed: false,
    };
    this.reviewVersion(r, EventType.AssessmentResultReviewCreated, invited);
    const started = { ...invited, state: 'started' as const, solutionReviews: this.rated(1) };
    this.reviewVersion(r, EventType.AssessmentResultReviewUpdated, started);
    if (this.random.chance(0.15)) {
      this.reviewVersion(r, EventType.AssessmentResultReviewDestroyed, {
        ...started,
        destroyed: true,
      });
      return false;
    }
    this.reviewVersion(r, EventType.AssessmentResultReviewSubmitted, {
      ...started,
      state: 'submitted',
      rating: this.random.pick([1, 3, 5]),
      feedback: 'Reviewed the solutions and the tests.',
      submittedAt: iso(this.t),
      solutionReviews: this.rated(this.plan.solutions.length),
    });
    return true;
  }

  decide(): void {
    this.enter('reviewed');
    if (!this.random.chance(0.7)) return;
    this.enter(this.latestResult().passed ? 'approved' : 'rejected');
    if (this.random.chance(0.3)) this.enter('archived');
  }

  report(type: EventType, changes: Partial<ResultVersion>): void {
    this.wait(1, 30);
    const version = { ...this.latestResult(), ...changes };
    const solutions = this.plan.solutions.map((solution) => solution.versions.length - 1);
    this.plan.results.push(version);
    this.out.add(this.t, type, this.resultPayload(version, solutions));
    this.happened({
      about: 'result',
      version: this.plan.results.length - 1,
      step: this.plan.path.length - 1,
      solutions,
    });
  }

  private enter(state: string): void {
    this.wait(1, 24 * 60);
    this.plan.path.push(state);
    this.plan.candidate.moveTo(this.out, this.t, state);
    this.happened({ about: 'candidate', step: this.plan.path.length - 1 });
  }

  private createSolution(challenge: GeneratedChallenge): void {
    const quiz = challenge._type === 'QuizChallenge';
    this.plan.solutions.push({
      id: this.random.objectId(this.t),
      challenge,
      language: quiz ? null : this.random.pick(['python', 'javascript', 'go', 'java']),
      totalTestCases: quiz ? 8 : this.random.int(8, 20),
      versions: [],
    });
    const first = {
      attempts: 0,
      score: null,
      passed: false,
      passedTestCases: 0,
      completedAt: null,
    };
    this.solutionVersion(this.plan.solutions.length - 1, EventType.SolutionCreated, first);
  }

  private attempt(s: number, done: number): void {
    const solution = this.plan.solutions[s];
    const passedTestCases = Math.round(
      solution.totalTestCases * done * (0.5 + this.random.next() / 2),
    );
    const score = Math.round((1000 * passedTestCases) / solution.totalTestCases) / 10;
    this.solutionVersion(s, EventType.SolutionUpdated, {
      attempts: solution.versions.at(-1)!.attempts + this.random.int(1, 3),
      score,
      passed: score >= 70,
      passedTestCases,
      completedAt: done === 1 ? iso(this.t) : null,
    });
  }

  private solutionVersion(s: number, type: EventType, version: SolutionVersion): void {
    this.wait(3, 25);
    const solution = this.plan.solutions[s];
    solution.versions.push(version);
    this.out.add(this.t, type, {
      ...this.solutionPayload(s, solution.versions.length - 1),
      assessment_id: this.plan.assessment.id,
      assessment_result_id: this.plan.resultId,
      team_candidate_id: this.plan.candidate.id,
    });
    this.happened({ about: 'solution', solution: s, version: solution.versions.length - 1 });
  }

  private reviewVersion(r: number, type: EventType, version: ReviewVersion): void {
    this.wait(10, 24 * 60);
    const review = this.plan.reviews[r];
    review.versions.push(version);
    this.out.add(this.t, type, {
      ...payloadDefaults('review'),
      id: review.id,
      reviewed_by_id: review.reviewerId,
      team_candidate_id: this.plan.candidate.id,
      assessment_result_id: this.plan.resultId,
      state: version.state,
      rating: version.rating,
      feedback: version.feedback,
      submitted_at: version.submittedAt,
      solution_reviews: version.solutionReviews.map((item) => ({
        rating: item.rating,
        feedback: item.feedback,
        challenge_id: item.challengeId,
        solution_id: item.solutionId,
      })),
    });
    this.happened({ about: 'review', review: r, version: review.versions.length - 1 });
  }

  private rated(count: number): SolutionReview[] {
    return this.plan.solutions.slice(0, count).map((solution) => ({
      solutionId: solution.id,
      challengeId: solution.challenge.id,
      rating: this.random.pick([1, 3, 5]),
      feedback: `Notes on ${solution.challenge.title}.`,
    }));
  }

  private resultPayload(version: ResultVersion, solutions: number[]): JsonObject & { id: string } {
    const { candidate, assessment } = this.plan;
    return {
      ...payloadDefaults('assessmentResult'),
      id: this.plan.resultId,
      state: version.state,
      score: version.score,
      passing_score: version.passed,
      accumulated_seconds: version.accumulatedSeconds,
      invited_at: version.invitedAt,
      started_at: version.startedAt,
      submitted_at: version.submittedAt,
      abandoned: version.abandoned,
      candidate_remarks: null,
      candidate: candidate.person(),
      team_candidate: candidate.embedded(),
      assessment: { id: assessment.id, labels: [], title: assessment.title },
      solutions: solutions.map((v, s) => this.solutionPayload(s, v)),
    };
  }

  /** A solution as a result embeds it; its events add the ids of its owners. */
  private solutionPayload(s: number, v: number): JsonObject & { id: string } {
    const solution = this.plan.solutions[s];
    const version = solution.versions[v];
    return {
      ...payloadDefaults('solution'),
      id: solution.id,
      _type: solution.challenge._type === 'QuizChallenge' ? 'QuizSolution' : 'CodeSolution',
      language: solution.language,
      total_test_cases: solution.totalTestCases,
      attempts: version.attempts,
      score: version.score,
      passing_score: version.passed,
      passed_test_cases: version.passedTestCases,
      completed_at: version.completedAt,
      challenge: { ...solution.challenge },
    };
  }

  private latestResult(): ResultVersion {
    return (
      this.plan.results.at(-1) ?? {
        state: 'invited',
        score: null,
        passed: false,
        accumulatedSeconds: 0,
        invitedAt: iso(this.t),
        startedAt: null,
        submittedAt: null,
        abandoned: false,
      }
    );
  }

  /** Records the happening just written, with how its webhook is delivered. */
  private happened(says: Says): void {
    const { type, data } = this.out.all[this.out.all.length - 1];
    const [current, ...older] = namesFor(type);
    const eventName =
      older.length > 0 && this.random.chance(0.3) ? this.random.pick(older) : current;
    const roll = this.random.next();
    const fate: Fate = roll < DROPPED ? 'dropped' : roll < DROPPED + LATE ? 'late' : 'on time';
    const repeatAfter =
      fate !== 'dropped' && this.random.chance(REPEATED) ? this.random.int(1, 6) : 0;
    this.plan.happenings.push({ type, eventName, data, says, fate, repeatAfter });
  }

  private wait(minMinutes: number, maxMinutes: number): void {
    this.t += this.random.int(minMinutes, maxMinutes) * MINUTE + this.random.int(0, 59_999);
  }
}
