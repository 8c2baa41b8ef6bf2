import { EventType } from '../../events/event-types.js';
import type { JsonObject } from '../../eventstore/event-store.port.js';
import type { GeneratedAssessment, GeneratedChallenge } from './catalogue.js';
import { LABELS, type GeneratedCandidate } from './candidate.js';
import { iso, type Happenings } from './happenings.js';
import { payloadDefaults } from './payload-defaults.js';
import { HOUR, MINUTE, type Random } from './random.js';

type Payload = JsonObject & { id: string };

interface SolutionProgress {
  data: Payload;
  challenge: GeneratedChallenge;
}

/**
 * One candidate taking one assessment, as Qualified would report it: invited, opened,
 * started, solutions worked on, submitted (or abandoned), reviewed, labelled, decided.
 */
export class Journey {
  private t: number;
  private readonly result: Payload;
  private solutions: SolutionProgress[] = [];

  constructor(
    private readonly random: Random,
    private readonly out: Happenings,
    private readonly candidate: GeneratedCandidate,
    private readonly assessment: GeneratedAssessment,
    private readonly reviewers: readonly string[],
  ) {
    this.t = candidate.clock + random.int(1, 72) * HOUR;
    this.result = {
      ...payloadDefaults('assessmentResult'),
      id: random.objectId(this.t),
      accumulated_seconds: 0,
      candidate_remarks: null,
      invited_at: iso(this.t),
      started_at: null,
      submitted_at: null,
      score: null,
      passing_score: false,
      candidate: candidate.person(),
      assessment: { id: assessment.id, labels: [], title: assessment.title },
    };
  }

  run(): void {
    this.invite();
    if (this.random.chance(0.9)) this.takeAssessment();
    else this.report(EventType.AssessmentResultStateChanged, 'terminated', { abandoned: true });
    this.candidate.clock = this.t;
  }

  private takeAssessment(): void {
    this.start();
    this.work();
    if (this.random.chance(0.07)) {
      this.report(EventType.AssessmentResultStateChanged, 'terminated', { abandoned: true });
      return;
    }
    this.submit();
    if (this.random.chance(0.75)) this.review();
    this.label();
    this.decide();
  }

  private invite(): void {
    this.candidate.results += 1;
    this.candidate.moveTo(this.out, this.t, 'invited');
    this.report(EventType.AssessmentResultStateChanged, 'invited');
    this.wait(5, 24 * 60);
    this.report(EventType.AssessmentResultStateChanged, 'opened');
  }

  private start(): void {
    this.wait(1, 48 * 60);
    this.result.started_at = iso(this.t);
    this.candidate.moveTo(this.out, this.t, 'started');
    this.solutions = this.assessment.challenges.map((challenge) => ({
      challenge,
      data: this.newSolution(challenge),
    }));
    this.report(EventType.AssessmentResultStarted, 'started');
    for (const solution of this.solutions) {
      this.out.add(this.t + 1000, EventType.SolutionCreated, { ...solution.data });
    }
  }

  private work(): void {
    for (const solution of this.solutions) {
      const steps = this.random.int(1, 4);
      for (let step = 1; step <= steps; step++) this.attempt(solution, step / steps);
    }
  }

  private attempt({ data }: SolutionProgress, done: number): void {
    this.wait(3, 25);
    const total = Number(data.total_test_cases);
    const passed = Math.round(total * done * (0.5 + this.random.next() / 2));
    const score = Math.round((1000 * passed) / total) / 10;
    Object.assign(data, {
      attempts: Number(data.attempts) + this.random.int(1, 3),
      passed_test_cases: passed,
      score,
      passing_score: score >= 70,
      first_test_case_solved_at:
        data.first_test_case_solved_at ?? (passed > 0 ? iso(this.t) : null),
      completed_at: done === 1 ? iso(this.t) : null,
      wall_time: this.random.int(300, 3000),
    });
    this.out.add(this.t, EventType.SolutionUpdated, { ...data });
  }

  private submit(): void {
    this.result.accumulated_seconds = Math.round(
      (this.t - Date.parse(String(this.result.started_at))) / 1000,
    );
    this.report(EventType.AssessmentResultStateChanged, 'submitting');
    this.wait(1, 2);
    const scores = this.solutions.map(({ data }) => Number(data.score));
    const score = Math.round((10 * scores.reduce((a, b) => a + b, 0)) / scores.length) / 10;
    Object.assign(this.result, { submitted_at: iso(this.t), score, passing_score: score >= 70 });
    this.candidate.highestScore = Math.max(this.candidate.highestScore ?? 0, score);
    this.candidate.moveTo(this.out, this.t, 'submitted');
    this.report(EventType.AssessmentResultSubmitted, 'submitted');
  }

  private review(): void {
    const count = this.random.int(1, 2);
    const chosen = [
      ...new Set(Array.from({ length: count }, () => this.random.pick(this.reviewers))),
    ];
    const submitted = chosen.map((reviewer) => this.reviewBy(reviewer)).filter(Boolean);
    if (submitted.length > 0) {
      this.wait(10, 600);
      this.candidate.moveTo(this.out, this.t, 'reviewed');
    }
  }

  /** A review from invitation to submission, or to its destruction; true when submitted. */
  private reviewBy(reviewer: string): boolean {
    this.wait(30, 3 * 24 * 60);
    const review: Payload = {
      ...payloadDefaults('review'),
      id: this.random.objectId(this.t),
      reviewed_by_id: reviewer,
      team_candidate_id: this.candidate.id,
      assessment_result_id: this.result.id,
    };
    this.out.add(this.t, EventType.AssessmentResultReviewCreated, { ...review });
    this.wait(10, 24 * 60);
    Object.assign(review, { state: 'started', solution_reviews: this.solutionReviews(1) });
    this.out.add(this.t, EventType.AssessmentResultReviewUpdated, { ...review });
    this.wait(5, 120);
    if (this.random.chance(0.06)) {
      this.out.add(this.t, EventType.AssessmentResultReviewDestroyed, { ...review });
      return false;
    }
    Object.assign(review, {
      state: 'submitted',
      rating: this.random.pick([1, 3, 5]),
      feedback: 'Reviewed the solutions and the tests.',
      submitted_at: iso(this.t),
      solution_reviews: this.solutionReviews(this.solutions.length),
    });
    this.out.add(this.t, EventType.AssessmentResultReviewSubmitted, { ...review });
    return true;
  }

  private solutionReviews(count: number): JsonObject[] {
    return this.solutions.slice(0, count).map(({ data, challenge }) => ({
      rating: this.random.pick([1, 3, 5]),
      feedback: `Notes on ${challenge.title}.`,
      challenge_id: challenge.id,
      solution_id: data.id,
    }));
  }

  private label(): void {
    const unused = LABELS.filter((label) => !this.candidate.labels.includes(label));
    if (unused.length > 0 && this.random.chance(0.4)) {
      this.wait(1, 600);
      this.candidate.addLabel(this.out, this.t, this.random.pick(unused));
    }
    if (this.candidate.labels.length > 0 && this.random.chance(0.15)) {
      this.wait(1, 600);
      this.candidate.removeLabel(this.out, this.t, this.random.pick(this.candidate.labels));
    }
  }

  private decide(): void {
    if (this.candidate.state !== 'reviewed' || !this.random.chance(0.7)) return;
    this.wait(60, 5 * 24 * 60);
    this.candidate.moveTo(this.out, this.t, this.result.passing_score ? 'approved' : 'rejected');
    if (this.random.chance(0.2)) {
      this.wait(60, 30 * 24 * 60);
      this.candidate.moveTo(this.out, this.t, 'archived');
    }
  }

  /** Reports the result in a state, with the candidate and solutions as they are now. */
  private report(type: EventType, state: string, changes: JsonObject = {}): void {
    this.wait(0, 1);
    Object.assign(this.result, { state, ...changes });
    this.out.add(this.t, type, {
      ...structuredClone(this.result),
      team_candidate: this.candidate.embedded(),
      solutions: this.solutions.map(({ data }) => embeddedSolution(data)),
    });
  }

  private newSolution(challenge: GeneratedChallenge): Payload {
    const quiz = challenge._type === 'QuizChallenge';
    return {
      ...payloadDefaults('solution'),
      id: this.random.objectId(this.t),
      _type: quiz ? 'QuizSolution' : 'CodeSolution',
      assessment_id: this.assessment.id,
      assessment_result_id: this.result.id,
      team_candidate_id: this.candidate.id,
      language: quiz ? null : this.random.pick(['python', 'javascript', 'go', 'java']),
      total_test_cases: quiz ? 8 : this.random.int(8, 20),
      challenge: { ...challenge },
    };
  }

  private wait(minMinutes: number, maxMinutes: number): void {
    this.t += this.random.int(minMinutes, maxMinutes) * MINUTE + this.random.int(0, 59_999);
  }
}

const OWNER_IDS = new Set([
  'assessment_id',
  'assessment_result_id',
  'team_candidate_id',
  'team_id',
]);

/** A solution as a result embeds it: without its assessment, result, candidate and team ids. */
function embeddedSolution(data: Payload): JsonObject {
  return Object.fromEntries(
    Object.entries(structuredClone(data)).filter(([key]) => !OWNER_IDS.has(key)),
  );
}
