import {
  ASSESSMENT_FIELDS,
  byId,
  CANDIDATE_FIELDS,
  CHALLENGE_FIELDS,
  FUNNEL_FIELDS,
  pick,
  PROGRESS_FIELDS,
  RESULT_FIELDS,
  REVIEW_FIELDS,
  SOLUTION_FIELDS,
  TIMELINE_FIELDS,
  type AssessmentAnswer,
  type CandidateAnswer,
  type CandidateAnswers,
  type CatalogueAnswers,
  type ChallengeAnswer,
  type FunnelAnswer,
  type ResultAnswer,
  type ReviewAnswer,
  type TimelineLine,
} from './answers.js';
import type { JsonClient } from './json-client.js';
import type { CandidatePlan } from './planned-history.js';

type Item = Record<string, unknown>;

/** The query API, each answer including every event up to `minPosition`. */
export class QueryApi {
  constructor(
    private readonly client: JsonClient,
    private readonly url: string,
    private readonly minPosition: string,
  ) {}

  /** The answer's body; undefined for a 404. */
  async get(path: string): Promise<Item | undefined> {
    const { status, body } = await this.client.get(`${this.url}${path}`, {
      'x-min-position': this.minPosition,
    });
    if (status === 404) return undefined;
    if (status !== 200) throw new Error(`${path}: ${status} ${JSON.stringify(body)}`);
    return body;
  }

  /** Every item of a list, following its cursors. */
  async list(path: string): Promise<Item[]> {
    const items: Item[] = [];
    let cursor: unknown = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const page = (await this.get(
        `${path}${separator}limit=500${cursor ? `&cursor=${cursor}` : ''}`,
      ))!;
      items.push(...(page.items as Item[]));
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }
}

export async function observedAnswers(
  api: QueryApi,
  plan: CandidatePlan,
): Promise<CandidateAnswers> {
  const [candidate, timeline, result, reviews] = await Promise.all([
    api.get(`/candidates/${plan.candidate.id}`),
    api.list(`/candidates/${plan.candidate.id}/timeline`),
    api.get(`/assessment-results/${plan.resultId}`),
    api.list(`/reviews?assessmentResultId=${plan.resultId}`),
  ]);
  return {
    candidate: candidate ? (pick(candidate, CANDIDATE_FIELDS) as CandidateAnswer) : null,
    timeline: timeline.map((entry) => pick(entry, TIMELINE_FIELDS) as TimelineLine),
    result: result ? resultAnswer(result) : null,
    reviews: byId(reviews.map((review) => pick(review, REVIEW_FIELDS) as ReviewAnswer)),
  };
}

export async function observedFunnel(api: QueryApi, assessmentId?: string): Promise<FunnelAnswer> {
  const funnel = await api.get(
    `/stats/funnel${assessmentId ? `?assessmentId=${assessmentId}` : ''}`,
  );
  return pick(funnel!, FUNNEL_FIELDS) as FunnelAnswer;
}

export async function observedCatalogue(api: QueryApi): Promise<CatalogueAnswers> {
  const [assessments, challenges] = await Promise.all([
    api.list('/assessments?includeDeleted=true'),
    api.list('/challenges'),
  ]);
  return {
    assessments: byId(assessments.map((item) => pick(item, ASSESSMENT_FIELDS) as AssessmentAnswer)),
    challenges: byId(challenges.map((item) => pick(item, CHALLENGE_FIELDS) as ChallengeAnswer)),
  };
}

function resultAnswer(result: Item): ResultAnswer {
  const progress = result.reviewProgress as Item | null;
  return {
    ...(pick(result, RESULT_FIELDS) as Omit<ResultAnswer, 'solutions' | 'reviewProgress'>),
    solutions: byId(
      (result.solutions as Item[]).map(
        (solution) => pick(solution, SOLUTION_FIELDS) as ResultAnswer['solutions'][number],
      ),
    ),
    reviewProgress: progress
      ? (pick(progress, PROGRESS_FIELDS) as ResultAnswer['reviewProgress'])
      : null,
  };
}
