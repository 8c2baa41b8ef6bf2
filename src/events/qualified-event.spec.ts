import { EventType } from './event-types.js';
import type {
  Assessment,
  AssessmentResult,
  AssessmentResultReview,
  Challenge,
  Solution,
  TeamCandidate,
  UndocumentedResource,
} from './payloads.js';
import { toQualifiedEvent, type QualifiedEvent, type QualifiedEventOf } from './qualified-event.js';

// Compile-time checks (`npx tsc --noEmit`): an assignment of `true` fails unless A and B are
// the same type.
type Equals<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

function describeEvent(event: QualifiedEvent): string {
  switch (event.type) {
    case 'team_candidate_state_changed': {
      const exact: Equals<typeof event.data, TeamCandidate> = true;
      return `${exact} ${event.data.prev_state} -> ${event.data.state}`;
    }
    case 'team_candidate_label_added': {
      const exact: Equals<typeof event.data, TeamCandidate> = true;
      return `${exact} +${event.data.added_label}`;
    }
    case 'assessment_result_submitted': {
      const exact: Equals<typeof event.data, AssessmentResult> = true;
      return `${exact} ${event.data.score} with ${event.data.solutions?.length} solutions`;
    }
    case 'solution_updated': {
      const exact: Equals<typeof event.data, Solution> = true;
      return `${exact} ${event.data.challenge?.title}`;
    }
    case 'assessment_result_review_submitted': {
      const exact: Equals<typeof event.data, AssessmentResultReview> = true;
      return `${exact} rated ${event.data.rating}`;
    }
    case 'challenge_destroyed': {
      const exact: Equals<typeof event.data, Challenge> = true;
      return `${exact} ${event.data._type}`;
    }
    case 'assessment_published': {
      const exact: Equals<typeof event.data, Assessment> = true;
      return `${exact} ${event.data.state}`;
    }
    case 'pathway_result_created': {
      const exact: Equals<typeof event.data, UndocumentedResource> = true;
      return `${exact} ${event.data.id}`;
    }
    default:
      return event.type;
  }
}

describe('QualifiedEvent', () => {
  it('narrows data by the stored type', () => {
    const event: QualifiedEvent = {
      type: EventType.TeamCandidateLabelAdded,
      data: { id: '5f1e2d3c4b5a697887766554', added_label: 'backend' },
    };
    expect(describeEvent(event)).toBe('true +backend');

    const merged: QualifiedEventOf<'assessment_result_merged'> = {
      type: 'assessment_result_merged',
      data: { id: '5f1e2d3c4b5a697887766554', state: 'submitted' },
    };
    const exact: Equals<typeof merged.data, AssessmentResult> = true;
    expect([exact, merged.data.state]).toEqual([true, 'submitted']);
  });
});

describe('toQualifiedEvent', () => {
  it('types a stored event of a catalog type whose data has an id', () => {
    const data = { id: '5f1e2d3c4b5a697887766554', state: 'invited', extra: { kept: true } };
    const event = toQualifiedEvent({ type: 'team_candidate_state_changed', data });
    expect(event).toEqual({ type: 'team_candidate_state_changed', data });
    expect(event?.data).toBe(data);
  });

  it.each([
    ['an unknown type', 'something_else', { id: 'a' }],
    ['an alias instead of a stored type', 'team_candidate.created', { id: 'a' }],
    ['data without an id', 'solution_created', { language: 'python' }],
    ['a numeric id', 'solution_created', { id: 42 }],
    ['null data', 'solution_created', null],
    ['array data', 'solution_created', [{ id: 'a' }]],
    ['string data', 'solution_created', 'a'],
  ])('refuses %s', (_case, type, data) => {
    expect(toQualifiedEvent({ type, data })).toBeUndefined();
  });
});
