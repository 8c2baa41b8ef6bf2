import { EVENT_TYPES, EventType } from './event-types.js';

/**
 * The resource kinds a webhook's `data` can carry, each with the prefix of its streams.
 * Prefixes contain no '-', so that EventStoreDB's category of `<prefix>-<id>` is the prefix.
 */
export const STREAM_PREFIXES = {
  TeamCandidate: 'teamCandidate',
  AssessmentResult: 'assessmentResult',
  Solution: 'solution',
  AssessmentResultReview: 'assessmentResultReview',
  Challenge: 'challenge',
  Assessment: 'assessment',
  Note: 'note',
  PathwayResult: 'pathwayResult',
  PathwayStepResult: 'pathwayStepResult',
  ExternalEvidenceInvite: 'externalEvidenceInvite',
  PathwayInterviewBooking: 'pathwayInterviewBooking',
} as const;

export type ResourceKind = keyof typeof STREAM_PREFIXES;

/** The resource kind each event type carries in `data`. */
export const EVENT_RESOURCE = {
  [EventType.AssessmentCreated]: 'Assessment',
  [EventType.AssessmentUpdated]: 'Assessment',
  [EventType.AssessmentPublished]: 'Assessment',
  [EventType.AssessmentDestroyed]: 'Assessment',
  [EventType.AssessmentResultStarted]: 'AssessmentResult',
  [EventType.AssessmentResultSubmitted]: 'AssessmentResult',
  [EventType.AssessmentResultStateChanged]: 'AssessmentResult',
  [EventType.AssessmentResultMerged]: 'AssessmentResult',
  [EventType.SolutionCreated]: 'Solution',
  [EventType.SolutionUpdated]: 'Solution',
  [EventType.AssessmentResultReviewCreated]: 'AssessmentResultReview',
  [EventType.AssessmentResultReviewUpdated]: 'AssessmentResultReview',
  [EventType.AssessmentResultReviewSubmitted]: 'AssessmentResultReview',
  [EventType.AssessmentResultReviewDestroyed]: 'AssessmentResultReview',
  [EventType.ChallengeCreated]: 'Challenge',
  [EventType.ChallengeUpdated]: 'Challenge',
  [EventType.ChallengePublished]: 'Challenge',
  [EventType.ChallengeDestroyed]: 'Challenge',
  [EventType.TeamCandidateStateChanged]: 'TeamCandidate',
  [EventType.TeamCandidateLabelAdded]: 'TeamCandidate',
  [EventType.TeamCandidateLabelRemoved]: 'TeamCandidate',
  [EventType.TeamCandidateMerged]: 'TeamCandidate',
  [EventType.NoteCreated]: 'Note',
  [EventType.PathwayResultCreated]: 'PathwayResult',
  [EventType.PathwayResultStateChanged]: 'PathwayResult',
  [EventType.PathwayStepResultCreated]: 'PathwayStepResult',
  [EventType.PathwayStepResultStateChanged]: 'PathwayStepResult',
  [EventType.ExternalEvidenceInviteCreated]: 'ExternalEvidenceInvite',
  [EventType.PathwayInterviewBookingCreated]: 'PathwayInterviewBooking',
  [EventType.PathwayInterviewBookingUpdated]: 'PathwayInterviewBooking',
} as const satisfies Record<EventType, ResourceKind>;

/** Names from Qualified's older documentation. */
const DOTTED_NAMES: Readonly<Record<string, EventType>> = {
  'assessment.created': EventType.AssessmentCreated,
  'assessment.updated': EventType.AssessmentUpdated,
  'assessment.published': EventType.AssessmentPublished,
  'assessment.destroyed': EventType.AssessmentDestroyed,
  'team_candidate.started_assessment': EventType.AssessmentResultStarted,
  'team_candidate.submitted_assessment': EventType.AssessmentResultSubmitted,
  'solution.created': EventType.SolutionCreated,
  'solution.updated': EventType.SolutionUpdated,
  'assessment_result_review.created': EventType.AssessmentResultReviewCreated,
  'assessment_result_review.updated': EventType.AssessmentResultReviewUpdated,
  'assessment_result_review.submitted': EventType.AssessmentResultReviewSubmitted,
  'assessment_result_review.destroyed': EventType.AssessmentResultReviewDestroyed,
  'challenge.created': EventType.ChallengeCreated,
  'challenge.updated': EventType.ChallengeUpdated,
  'challenge.published': EventType.ChallengePublished,
  'challenge.destroyed': EventType.ChallengeDestroyed,
  // Despite its name it fired on every state change of the candidate.
  'team_candidate.created': EventType.TeamCandidateStateChanged,
  'team_candidate.label_added': EventType.TeamCandidateLabelAdded,
  'team_candidate.label_removed': EventType.TeamCandidateLabelRemoved,
};

/** Underscored names the current API still sends but marks deprecated. */
const DEPRECATED_NAMES: Readonly<Record<string, EventType>> = {
  team_candidate_started_assessment: EventType.AssessmentResultStarted,
  team_candidate_submitted_assessment: EventType.AssessmentResultSubmitted,
};

/**
 * How a sender spelled an event: Qualified's current name (which is also the stored type),
 * an older dotted name, or a deprecated underscored alias.
 */
export type NameForm = 'current' | 'dotted' | 'deprecated';

export interface CatalogEntry {
  /** The event name as a sender spells it. */
  readonly name: string;
  /** The type the event is stored under. */
  readonly type: EventType;
  /** The kind of resource in the webhook's `data`. */
  readonly resource: ResourceKind;
  readonly form: NameForm;
}

function entry(name: string, type: EventType, form: NameForm): CatalogEntry {
  return Object.freeze({ name, type, resource: EVENT_RESOURCE[type], form });
}

/** Every event name we accept, one entry per name. */
export const CATALOG: readonly CatalogEntry[] = Object.freeze([
  ...EVENT_TYPES.map((type) => entry(type, type, 'current')),
  ...Object.entries(DOTTED_NAMES).map(([name, type]) => entry(name, type, 'dotted')),
  ...Object.entries(DEPRECATED_NAMES).map(([name, type]) => entry(name, type, 'deprecated')),
]);

export const ACCEPTED_EVENT_NAMES: readonly string[] = Object.freeze(
  CATALOG.map((catalogEntry) => catalogEntry.name),
);

const BY_NAME: ReadonlyMap<string, CatalogEntry> = new Map(
  CATALOG.map((catalogEntry) => [catalogEntry.name, catalogEntry]),
);

/** The catalog entry for an event name exactly as received, or undefined when unknown. */
export function resolveEventName(name: string): CatalogEntry | undefined {
  return BY_NAME.get(name);
}

/** Every name a sender may use for the type, the current one first. */
export function namesFor(type: EventType): string[] {
  return CATALOG.filter((catalogEntry) => catalogEntry.type === type).map(
    (catalogEntry) => catalogEntry.name,
  );
}

/** The stream of one resource: `<resource in lower camel case>-<id>`, e.g. `teamCandidate-5f1e…`. */
export function streamFor(resource: ResourceKind, id: string): string {
  return `${STREAM_PREFIXES[resource]}-${id}`;
}
