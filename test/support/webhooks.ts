import { loadFixture, type FixtureType } from '../fixtures/webhooks/index.js';
import { eventually } from './eventually.js';
import { getJson, post, type RunningService } from './service.js';

/**
 * Webhook bodies as Qualified sends them, made from the fixtures with other ids, names and
 * states, for end-to-end tests that need several candidates, results and reviews.
 */

export interface Person {
  id: string;
  name: string;
  email: string;
}

type Body = { event: string; data: Record<string, unknown> };

function fixture(type: FixtureType, data: Record<string, unknown>): Body {
  const body = loadFixture(type);
  return { event: body.event, data: { ...body.data, ...data } };
}

function personFields(person: Person) {
  const [first, ...rest] = person.name.split(' ');
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    first_name: first,
    last_name: rest.join(' '),
  };
}

export function candidateStateChanged(person: Person, prevState: string, state: string): Body {
  return fixture('team_candidate_state_changed', {
    ...personFields(person),
    prev_state: prevState,
    state,
    labels: [],
  });
}

/** A label added to or removed from a candidate, whose current states the webhook repeats. */
export function candidateLabel(
  change: 'added' | 'removed',
  person: Person,
  label: string,
  [prevState, state] = ['idle', 'invited'],
): Body {
  return fixture(`team_candidate_label_${change}`, {
    ...personFields(person),
    prev_state: prevState,
    state,
    labels: undefined,
    [`${change}_label`]: label,
  });
}

export interface ResultSpec {
  id: string;
  candidate: Person;
  assessment: { id: string; title: string };
  /** The result's state, and the candidate state the result reports. */
  state: 'started' | 'submitted';
  passed?: boolean;
  score?: number | null;
}

/** The id of a result's solution: each result has its own (the fixture's two challenges). */
export function solutionId(resultId: string, index: number): string {
  return `65a26a3e${resultId.slice(9)}${index}`;
}

export function assessmentResult(spec: ResultSpec): Body {
  const submitted = spec.state === 'submitted';
  const body = fixture(submitted ? 'assessment_result_submitted' : 'assessment_result_started', {});
  const [first, ...rest] = spec.candidate.name.split(' ');
  return {
    event: body.event,
    data: {
      ...body.data,
      id: spec.id,
      passing_score: spec.passed ?? false,
      score: spec.score ?? (submitted ? 75 : null),
      candidate: { email: spec.candidate.email, first_name: first, last_name: rest.join(' ') },
      team_candidate: {
        id: spec.candidate.id,
        anonymous_name: 'Candidate 1',
        prev_state: submitted ? 'started' : 'invited',
        state: spec.state,
      },
      assessment: { id: spec.assessment.id, labels: [], title: spec.assessment.title },
      solutions: (body.data.solutions as Record<string, unknown>[]).map((solution, i) => ({
        ...solution,
        id: solutionId(spec.id, i),
      })),
    },
  };
}

export interface ReviewSpec {
  id: string;
  resultId: string;
  candidateId: string;
  reviewerId: string;
  rating?: number;
}

export function review(type: 'created' | 'submitted' | 'destroyed', spec: ReviewSpec): Body {
  return fixture(`assessment_result_review_${type}`, {
    id: spec.id,
    assessment_result_id: spec.resultId,
    team_candidate_id: spec.candidateId,
    reviewed_by_id: spec.reviewerId,
    ...(spec.rating === undefined ? {} : { rating: spec.rating }),
  });
}

export function assessment(
  type: 'created' | 'published' | 'destroyed',
  spec: { id: string; title: string; challenges?: { id: string; title: string }[] },
): Body {
  const challenges = (spec.challenges ?? []).map((challenge) => ({
    ...loadFixture('challenge_created').data,
    ...challenge,
  }));
  return fixture(`assessment_${type}`, { id: spec.id, title: spec.title, challenges });
}

export function challenge(
  type: 'created' | 'destroyed',
  spec: { id: string; title: string; type?: string },
): Body {
  return fixture(`challenge_${type}`, {
    id: spec.id,
    title: spec.title,
    _type: spec.type ?? 'CodeChallenge',
  });
}

/** Posts the webhooks one after the other, each answered 202; returns the answers. */
export async function postAll(service: RunningService, bodies: readonly Body[]) {
  const answers = [];
  for (const body of bodies) {
    const answer = await post(service.webhookUrl, body);
    if (answer.status !== 202) {
      throw new Error(
        `${body.event} was answered ${answer.status}: ${JSON.stringify(answer.body)}`,
      );
    }
    answers.push(answer.body);
  }
  return answers;
}

/** Polls a query route until its answer passes the check (the projections run behind ingest). */
export function untilAnswer<T>(
  url: string,
  check: (answer: Awaited<ReturnType<typeof getJson>>) => T,
): Promise<T> {
  return eventually(async () => check(await getJson(url)));
}
