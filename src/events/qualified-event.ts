import type { EVENT_RESOURCE } from './event-catalog.js';
import { isEventType, type EventType } from './event-types.js';
import type {
  Assessment,
  AssessmentResult,
  AssessmentResultReview,
  Challenge,
  Solution,
  TeamCandidate,
  UndocumentedResource,
} from './payloads.js';

/** The payload type of each resource kind. */
export interface ResourceData {
  TeamCandidate: TeamCandidate;
  AssessmentResult: AssessmentResult;
  Solution: Solution;
  AssessmentResultReview: AssessmentResultReview;
  Challenge: Challenge;
  Assessment: Assessment;
  Note: UndocumentedResource;
  PathwayResult: UndocumentedResource;
  PathwayStepResult: UndocumentedResource;
  ExternalEvidenceInvite: UndocumentedResource;
  PathwayInterviewBooking: UndocumentedResource;
}

/**
 * A stored event with its data typed by its stored type, so that `switch (event.type)`
 * narrows `data`. The mapping comes from the catalog's EVENT_RESOURCE.
 */
export type QualifiedEvent = {
  [T in EventType]: { type: T; data: ResourceData[(typeof EVENT_RESOURCE)[T]] };
}[EventType];

export type QualifiedEventOf<T extends EventType> = Extract<QualifiedEvent, { type: T }>;

/**
 * Types a stored event, or returns undefined when its type is not a catalog type or its
 * data has no string id (ingestion stores neither under a resource stream).
 */
export function toQualifiedEvent(event: {
  type: string;
  data: unknown;
}): QualifiedEvent | undefined {
  const { type, data } = event;
  if (!isEventType(type) || !hasStringId(data)) return undefined;
  // Only the id is checked: the payload types describe what Qualified sends, and the stored
  // data is exactly what it sent.
  return { type, data } as QualifiedEvent;
}

function hasStringId(data: unknown): data is { id: string } {
  return (
    typeof data === 'object' &&
    data !== null &&
    !Array.isArray(data) &&
    typeof (data as { id?: unknown }).id === 'string'
  );
}
