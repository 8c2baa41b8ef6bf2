import { EVENT_TYPES, EventType, isEventType } from './event-types.js';

describe('event types', () => {
  it('are Qualified current underscored names, each once', () => {
    for (const type of EVENT_TYPES) {
      expect(type).toMatch(/^[a-z]+(_[a-z]+)+$/);
    }
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
    expect(EVENT_TYPES).toHaveLength(30);
  });

  it('recognises stored types only', () => {
    expect(isEventType(EventType.AssessmentResultSubmitted)).toBe(true);
    expect(isEventType('team_candidate_state_changed')).toBe(true);
    expect(isEventType('team_candidate.created')).toBe(false);
    expect(isEventType('team_candidate_submitted_assessment')).toBe(false);
    expect(isEventType('AssessmentResultSubmitted')).toBe(false);
    expect(isEventType('toString')).toBe(false);
  });
});
