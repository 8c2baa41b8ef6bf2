import { EventType } from '../../events/event-types.js';
import type { JsonObject } from '../../eventstore/event-store.port.js';
import type { Happenings } from './happenings.js';
import { DAY, type Random } from './random.js';

const FIRST_NAMES = [
  'Ada',
  'Grace',
  'Alan',
  'Katherine',
  'Linus',
  'Barbara',
  'Dennis',
  'Margaret',
  'Ken',
  'Radia',
  'Edsger',
  'Frances',
  'Tim',
  'Hedy',
  'John',
  'Shafi',
];
const LAST_NAMES = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Johnson',
  'Torvalds',
  'Liskov',
  'Ritchie',
  'Hamilton',
  'Thompson',
  'Perlman',
  'Dijkstra',
  'Allen',
  'Berners-Lee',
  'Lamarr',
  'Backus',
  'Goldwasser',
];
export const LABELS = ['backend', 'frontend', 'senior', 'junior', 'referral', 'remote', 'priority'];

/** A team candidate as the generator follows it; `snapshot` is its webhook payload. */
export class GeneratedCandidate {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly anonymousName: string;
  readonly testTeamMember: boolean;
  labels: string[] = [];
  state = 'idle';
  prevState: string | null = null;
  results = 0;
  highestScore: number | null = null;
  /** When the candidate's last happening was. */
  clock: number;

  constructor(random: Random, n: number, start: number) {
    this.clock = start + random.int(0, 30 * DAY);
    this.id = random.objectId(this.clock);
    this.firstName = random.pick(FIRST_NAMES);
    this.lastName = random.pick(LAST_NAMES);
    this.email = `${this.firstName}.${this.lastName}.${n}@example.com`.toLowerCase();
    this.anonymousName = `Candidate ${1000 + n}`;
    this.testTeamMember = random.chance(0.03);
  }

  /** Moves to a state and reports it, as Qualified does on every state change. */
  moveTo(out: Happenings, at: number, state: string): void {
    this.prevState = this.state;
    this.state = state;
    out.add(at, EventType.TeamCandidateStateChanged, this.snapshot());
  }

  addLabel(out: Happenings, at: number, label: string): void {
    this.labels = [...this.labels, label];
    out.add(at, EventType.TeamCandidateLabelAdded, { ...this.snapshot(), added_label: label });
  }

  removeLabel(out: Happenings, at: number, label: string): void {
    this.labels = this.labels.filter((item) => item !== label);
    out.add(at, EventType.TeamCandidateLabelRemoved, { ...this.snapshot(), removed_label: label });
  }

  snapshot(): JsonObject & { id: string } {
    return {
      id: this.id,
      anonymous_name: this.anonymousName,
      email: this.email,
      first_name: this.firstName,
      last_name: this.lastName,
      name: `${this.firstName} ${this.lastName}`,
      labels: [...this.labels],
      prev_state: this.prevState,
      state: this.state,
      test_team_member: this.testTeamMember,
      assessment_results_count: this.results,
      highest_score: this.highestScore,
    };
  }

  /** The candidate as an assessment result embeds it. */
  embedded(): JsonObject {
    return {
      id: this.id,
      anonymous_name: this.anonymousName,
      prev_state: this.prevState,
      state: this.state,
    };
  }

  person(): JsonObject {
    return { email: this.email, first_name: this.firstName, last_name: this.lastName };
  }
}
