import { EventType } from '../../events/event-types.js';
import type { JsonObject } from '../../eventstore/event-store.port.js';
import type { Happenings } from './happenings.js';
import { payloadDefaults } from './payload-defaults.js';
import { HOUR, MINUTE, type Random } from './random.js';

export interface GeneratedChallenge extends JsonObject {
  id: string;
  _type: string;
  title: string;
  estimated_time: number;
  topics: string[];
  summary: string;
  purpose: string;
}

export interface GeneratedAssessment {
  id: string;
  title: string;
  challenges: GeneratedChallenge[];
}

const ROLES = ['Backend', 'Frontend', 'Data', 'Platform', 'Mobile', 'Security', 'ML', 'QA'];
const LANGUAGES = ['Python', 'TypeScript', 'Go', 'Java', 'Ruby', 'Kotlin', 'Rust', 'C#'];
const CODE_TOPICS = ['algorithms', 'data structures', 'concurrency', 'sql', 'apis', 'testing'];
const QUIZ_TOPICS = ['http', 'web', 'security', 'networking', 'git'];

/** Assessments of two challenges each (code, then quiz), created, edited and published. */
export function generateCatalogue(
  random: Random,
  out: Happenings,
  start: number,
  count: number,
): GeneratedAssessment[] {
  return Array.from({ length: count }, (_, i) => {
    const at = start + i * 3 * HOUR;
    const title = `${ROLES[i % ROLES.length]} Engineer (${LANGUAGES[(i * 3) % LANGUAGES.length]})`;
    const challenges = [
      challenge(random, at, 'CodeChallenge', `${title}: coding task`, CODE_TOPICS),
      challenge(random, at + MINUTE, 'QuizChallenge', `${title}: quiz`, QUIZ_TOPICS),
    ];
    for (const [n, item] of challenges.entries()) {
      out.add(at + n * MINUTE, EventType.ChallengeCreated, { ...item });
      out.add(at + n * MINUTE + 5 * MINUTE, EventType.ChallengePublished, { ...item });
    }
    const assessment = { id: random.objectId(at + 10 * MINUTE), title, challenges };
    out.add(at + 10 * MINUTE, EventType.AssessmentCreated, assessmentData(assessment, 'draft', []));
    out.add(at + 20 * MINUTE, EventType.AssessmentUpdated, assessmentData(assessment, 'draft'));
    out.add(
      at + 30 * MINUTE,
      EventType.AssessmentPublished,
      assessmentData(assessment, 'published'),
    );
    return assessment;
  });
}

/** Late in the history: a challenge is retitled, an unused one comes and goes, an assessment is destroyed. */
export function retireSome(
  random: Random,
  out: Happenings,
  catalogue: GeneratedAssessment[],
  at: number,
): void {
  const edited = {
    ...catalogue[0].challenges[0],
    title: `${catalogue[0].challenges[0].title} (v2)`,
  };
  out.add(at, EventType.ChallengeUpdated, edited);
  const unused = challenge(random, at, 'CodeChallenge', 'Draft puzzle', CODE_TOPICS);
  out.add(at + MINUTE, EventType.ChallengeCreated, { ...unused });
  out.add(at + 2 * MINUTE, EventType.ChallengeDestroyed, { ...unused });
  const last = catalogue[catalogue.length - 1];
  out.add(at + 3 * MINUTE, EventType.AssessmentDestroyed, assessmentData(last, 'archived'));
}

function challenge(
  random: Random,
  at: number,
  type: string,
  title: string,
  topics: string[],
): GeneratedChallenge {
  return {
    id: random.objectId(at),
    _type: type,
    title,
    estimated_time: type === 'QuizChallenge' ? random.int(5, 15) : random.int(30, 90),
    topics: [random.pick(topics), random.pick(topics)].filter((t, i, all) => all.indexOf(t) === i),
    summary: `${title}.`,
    purpose: `Screens candidates for ${title.toLowerCase()}.`,
  };
}

function assessmentData(
  assessment: GeneratedAssessment,
  state: string,
  challenges: GeneratedChallenge[] = assessment.challenges,
) {
  return {
    ...payloadDefaults('assessment'),
    id: assessment.id,
    title: assessment.title,
    summary: `${assessment.title}: ${challenges.length} challenges.`,
    state,
    challenges: challenges.map((item) => ({ ...item })),
  };
}
