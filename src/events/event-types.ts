/**
 * The stored event types: one per Qualified event, spelled as Qualified's current
 * (underscored) name. Older dotted names and deprecated aliases are mapped onto these by
 * the catalog; only these strings are ever written to the log.
 */
export const EventType = {
  AssessmentCreated: 'assessment_created',
  AssessmentUpdated: 'assessment_updated',
  AssessmentPublished: 'assessment_published',
  AssessmentDestroyed: 'assessment_destroyed',

  AssessmentResultStarted: 'assessment_result_started',
  AssessmentResultSubmitted: 'assessment_result_submitted',
  AssessmentResultStateChanged: 'assessment_result_state_changed',
  AssessmentResultMerged: 'assessment_result_merged',

  SolutionCreated: 'solution_created',
  SolutionUpdated: 'solution_updated',

  AssessmentResultReviewCreated: 'assessment_result_review_created',
  AssessmentResultReviewUpdated: 'assessment_result_review_updated',
  AssessmentResultReviewSubmitted: 'assessment_result_review_submitted',
  AssessmentResultReviewDestroyed: 'assessment_result_review_destroyed',

  ChallengeCreated: 'challenge_created',
  ChallengeUpdated: 'challenge_updated',
  ChallengePublished: 'challenge_published',
  ChallengeDestroyed: 'challenge_destroyed',

  TeamCandidateStateChanged: 'team_candidate_state_changed',
  TeamCandidateLabelAdded: 'team_candidate_label_added',
  TeamCandidateLabelRemoved: 'team_candidate_label_removed',
  TeamCandidateMerged: 'team_candidate_merged',

  NoteCreated: 'note_created',

  PathwayResultCreated: 'pathway_result_created',
  PathwayResultStateChanged: 'pathway_result_state_changed',
  PathwayStepResultCreated: 'pathway_step_result_created',
  PathwayStepResultStateChanged: 'pathway_step_result_state_changed',
  ExternalEvidenceInviteCreated: 'external_evidence_invite_created',
  PathwayInterviewBookingCreated: 'pathway_interview_booking_created',
  PathwayInterviewBookingUpdated: 'pathway_interview_booking_updated',
} as const;

export type EventType = (typeof EventType)[keyof typeof EventType];

export const EVENT_TYPES: readonly EventType[] = Object.values(EventType);

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}
