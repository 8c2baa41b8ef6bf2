import {
  ACCEPTED_EVENT_NAMES,
  CATALOG,
  namesFor,
  resolveEventName,
  STREAM_PREFIXES,
  streamFor,
  type NameForm,
  type ResourceKind,
} from './event-catalog.js';
import { EVENT_TYPES, EventType } from './event-types.js';

// Transcribed from qualified-webhooks.md, independently of the catalog's own tables.
const DOCUMENTED_NAMES: [name: string, type: string, resource: ResourceKind, form: NameForm][] = [
  ['assessment.created', 'assessment_created', 'Assessment', 'dotted'],
  ['assessment.updated', 'assessment_updated', 'Assessment', 'dotted'],
  ['assessment.published', 'assessment_published', 'Assessment', 'dotted'],
  ['assessment.destroyed', 'assessment_destroyed', 'Assessment', 'dotted'],
  ['assessment_created', 'assessment_created', 'Assessment', 'current'],
  ['assessment_updated', 'assessment_updated', 'Assessment', 'current'],
  ['assessment_published', 'assessment_published', 'Assessment', 'current'],
  ['assessment_destroyed', 'assessment_destroyed', 'Assessment', 'current'],

  ['team_candidate.started_assessment', 'assessment_result_started', 'AssessmentResult', 'dotted'],
  [
    'team_candidate_started_assessment',
    'assessment_result_started',
    'AssessmentResult',
    'deprecated',
  ],
  ['assessment_result_started', 'assessment_result_started', 'AssessmentResult', 'current'],
  [
    'team_candidate.submitted_assessment',
    'assessment_result_submitted',
    'AssessmentResult',
    'dotted',
  ],
  [
    'team_candidate_submitted_assessment',
    'assessment_result_submitted',
    'AssessmentResult',
    'deprecated',
  ],
  ['assessment_result_submitted', 'assessment_result_submitted', 'AssessmentResult', 'current'],
  [
    'assessment_result_state_changed',
    'assessment_result_state_changed',
    'AssessmentResult',
    'current',
  ],

  ['solution.created', 'solution_created', 'Solution', 'dotted'],
  ['solution.updated', 'solution_updated', 'Solution', 'dotted'],
  ['solution_created', 'solution_created', 'Solution', 'current'],
  ['solution_updated', 'solution_updated', 'Solution', 'current'],

  [
    'assessment_result_review.created',
    'assessment_result_review_created',
    'AssessmentResultReview',
    'dotted',
  ],
  [
    'assessment_result_review.updated',
    'assessment_result_review_updated',
    'AssessmentResultReview',
    'dotted',
  ],
  [
    'assessment_result_review.submitted',
    'assessment_result_review_submitted',
    'AssessmentResultReview',
    'dotted',
  ],
  [
    'assessment_result_review.destroyed',
    'assessment_result_review_destroyed',
    'AssessmentResultReview',
    'dotted',
  ],
  [
    'assessment_result_review_created',
    'assessment_result_review_created',
    'AssessmentResultReview',
    'current',
  ],
  [
    'assessment_result_review_updated',
    'assessment_result_review_updated',
    'AssessmentResultReview',
    'current',
  ],
  [
    'assessment_result_review_submitted',
    'assessment_result_review_submitted',
    'AssessmentResultReview',
    'current',
  ],
  [
    'assessment_result_review_destroyed',
    'assessment_result_review_destroyed',
    'AssessmentResultReview',
    'current',
  ],

  ['challenge.created', 'challenge_created', 'Challenge', 'dotted'],
  ['challenge.updated', 'challenge_updated', 'Challenge', 'dotted'],
  ['challenge.published', 'challenge_published', 'Challenge', 'dotted'],
  ['challenge.destroyed', 'challenge_destroyed', 'Challenge', 'dotted'],
  ['challenge_created', 'challenge_created', 'Challenge', 'current'],
  ['challenge_updated', 'challenge_updated', 'Challenge', 'current'],
  ['challenge_published', 'challenge_published', 'Challenge', 'current'],
  ['challenge_destroyed', 'challenge_destroyed', 'Challenge', 'current'],

  ['team_candidate.created', 'team_candidate_state_changed', 'TeamCandidate', 'dotted'],
  ['team_candidate_state_changed', 'team_candidate_state_changed', 'TeamCandidate', 'current'],
  ['team_candidate.label_added', 'team_candidate_label_added', 'TeamCandidate', 'dotted'],
  ['team_candidate.label_removed', 'team_candidate_label_removed', 'TeamCandidate', 'dotted'],
  ['team_candidate_label_added', 'team_candidate_label_added', 'TeamCandidate', 'current'],
  ['team_candidate_label_removed', 'team_candidate_label_removed', 'TeamCandidate', 'current'],

  ['note_created', 'note_created', 'Note', 'current'],

  ['team_candidate_merged', 'team_candidate_merged', 'TeamCandidate', 'current'],
  ['assessment_result_merged', 'assessment_result_merged', 'AssessmentResult', 'current'],
  ['pathway_result_created', 'pathway_result_created', 'PathwayResult', 'current'],
  ['pathway_result_state_changed', 'pathway_result_state_changed', 'PathwayResult', 'current'],
  ['pathway_step_result_created', 'pathway_step_result_created', 'PathwayStepResult', 'current'],
  [
    'pathway_step_result_state_changed',
    'pathway_step_result_state_changed',
    'PathwayStepResult',
    'current',
  ],
  [
    'external_evidence_invite_created',
    'external_evidence_invite_created',
    'ExternalEvidenceInvite',
    'current',
  ],
  [
    'pathway_interview_booking_created',
    'pathway_interview_booking_created',
    'PathwayInterviewBooking',
    'current',
  ],
  [
    'pathway_interview_booking_updated',
    'pathway_interview_booking_updated',
    'PathwayInterviewBooking',
    'current',
  ],
];

describe('event catalog', () => {
  it.each(DOCUMENTED_NAMES)(
    'resolves %s to %s carrying a %s (%s)',
    (name, type, resource, form) => {
      expect(resolveEventName(name)).toEqual({ name, type, resource, form });
    },
  );

  it('accepts exactly the documented names, each once', () => {
    const documented = DOCUMENTED_NAMES.map(([name]) => name);
    expect([...ACCEPTED_EVENT_NAMES].sort()).toEqual([...documented].sort());
    expect(new Set(ACCEPTED_EVENT_NAMES).size).toBe(ACCEPTED_EVENT_NAMES.length);
    expect(CATALOG.map((entry) => entry.name)).toEqual(ACCEPTED_EVENT_NAMES);
  });

  it('stores every event under its current name', () => {
    for (const type of EVENT_TYPES) {
      expect(resolveEventName(type)).toMatchObject({ type, form: 'current' });
    }
    for (const entry of CATALOG) {
      expect(EVENT_TYPES).toContain(entry.type);
    }
  });

  it('resolves both generations of a name to the same type and resource', () => {
    expect(resolveEventName('team_candidate.submitted_assessment')).toMatchObject({
      type: EventType.AssessmentResultSubmitted,
      resource: 'AssessmentResult',
    });
    expect(resolveEventName('assessment_result_submitted')).toMatchObject({
      type: EventType.AssessmentResultSubmitted,
      resource: 'AssessmentResult',
    });
    for (const entry of CATALOG) {
      expect(resolveEventName(entry.type)?.resource).toBe(entry.resource);
    }
  });

  it.each([
    'unknown_event',
    '',
    ' assessment_created',
    'assessment_created ',
    'Assessment_Created',
    'ASSESSMENT.CREATED',
    'assessment-created',
    'team_candidate',
    'team_candidate.state_changed',
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
  ])('does not know %j', (name) => {
    expect(resolveEventName(name)).toBeUndefined();
  });

  it('lists every name of a type, the current one first', () => {
    expect(namesFor(EventType.AssessmentResultSubmitted)).toEqual([
      'assessment_result_submitted',
      'team_candidate.submitted_assessment',
      'team_candidate_submitted_assessment',
    ]);
    expect(namesFor(EventType.TeamCandidateStateChanged)).toEqual([
      'team_candidate_state_changed',
      'team_candidate.created',
    ]);
    expect(namesFor(EventType.NoteCreated)).toEqual(['note_created']);
    expect(EVENT_TYPES.flatMap((type) => namesFor(type)).sort()).toEqual(
      [...ACCEPTED_EVENT_NAMES].sort(),
    );
  });

  it('returns entries that cannot be changed by a caller', () => {
    const entry = resolveEventName('assessment.created');
    expect(Object.isFrozen(entry)).toBe(true);
    expect(Object.isFrozen(CATALOG)).toBe(true);
  });
});

describe('streamFor', () => {
  it.each<[ResourceKind, string]>([
    ['TeamCandidate', 'teamCandidate-5f1e2d3c4b5a697887766554'],
    ['AssessmentResult', 'assessmentResult-5f1e2d3c4b5a697887766554'],
    ['Solution', 'solution-5f1e2d3c4b5a697887766554'],
    ['AssessmentResultReview', 'assessmentResultReview-5f1e2d3c4b5a697887766554'],
    ['Challenge', 'challenge-5f1e2d3c4b5a697887766554'],
    ['Assessment', 'assessment-5f1e2d3c4b5a697887766554'],
    ['Note', 'note-5f1e2d3c4b5a697887766554'],
    ['PathwayResult', 'pathwayResult-5f1e2d3c4b5a697887766554'],
    ['PathwayStepResult', 'pathwayStepResult-5f1e2d3c4b5a697887766554'],
    ['ExternalEvidenceInvite', 'externalEvidenceInvite-5f1e2d3c4b5a697887766554'],
    ['PathwayInterviewBooking', 'pathwayInterviewBooking-5f1e2d3c4b5a697887766554'],
  ])('names the stream of a %s', (resource, stream) => {
    expect(streamFor(resource, '5f1e2d3c4b5a697887766554')).toBe(stream);
  });

  it('uses the resource kind in lower camel case, without a dash, as the category', () => {
    for (const [resource, prefix] of Object.entries(STREAM_PREFIXES)) {
      expect(prefix).toBe(resource[0].toLowerCase() + resource.slice(1));
      expect(prefix).not.toContain('-');
    }
  });
});
