import type { Assessment, Challenge } from '../../events/payloads.js';
import { int, json, record, text, textList } from '../shared/values.js';
import type { AssessmentRow, ChallengeRow } from './catalogue.tables.js';

export interface Change {
  receivedAt: string;
  published: boolean;
  destroyed: boolean;
}

/** The assessment after a payload: fields it leaves out keep their values; flags stay once set. */
export function assessmentRow(
  known: AssessmentRow | undefined,
  assessment: Assessment,
  change: Change,
): AssessmentRow {
  const published = change.published || assessment.state === 'published';
  const challengeIds = embeddedChallenges(assessment).map((challenge) => challenge.id);
  return {
    id: assessment.id,
    title: text(assessment.title) ?? known?.title ?? null,
    summary: text(assessment.summary) ?? known?.summary ?? null,
    purpose: text(assessment.purpose) ?? known?.purpose ?? null,
    state: text(assessment.state) ?? known?.state ?? null,
    published: published || known?.published === 1 ? 1 : 0,
    published_at: known?.published_at ?? (published ? change.receivedAt : null),
    deleted: change.destroyed || known?.deleted === 1 ? 1 : 0,
    deleted_at: known?.deleted_at ?? (change.destroyed ? change.receivedAt : null),
    challenge_ids: Array.isArray(assessment.challenges)
      ? JSON.stringify(challengeIds)
      : (known?.challenge_ids ?? '[]'),
    updated_at: change.receivedAt,
  };
}

export function challengeRow(
  known: ChallengeRow | undefined,
  challenge: Partial<Challenge> & { id: string },
  change: Change,
): ChallengeRow {
  return {
    id: challenge.id,
    challenge_type: text(challenge._type) ?? known?.challenge_type ?? null,
    title: text(challenge.title) ?? known?.title ?? null,
    summary: text(challenge.summary) ?? known?.summary ?? null,
    topics: json(textList(challenge.topics)) ?? known?.topics ?? '[]',
    estimated_time: int(challenge.estimated_time) ?? known?.estimated_time ?? null,
    published: change.published || known?.published === 1 ? 1 : 0,
    removed: change.destroyed || known?.removed === 1 ? 1 : 0,
    updated_at: change.receivedAt,
  };
}

/** The challenges an assessment payload lists, those with an id. */
export function embeddedChallenges(
  assessment: Assessment,
): (Partial<Challenge> & { id: string })[] {
  const listed = Array.isArray(assessment.challenges) ? assessment.challenges : [];
  return listed.flatMap((value) => {
    const challenge = record(value);
    const id = text(challenge?.id);
    return challenge && id ? [{ ...challenge, id }] : [];
  });
}
