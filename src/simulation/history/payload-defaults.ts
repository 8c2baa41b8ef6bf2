import type { JsonObject } from '../../eventstore/event-store.port.js';

/**
 * The fields of Qualified's payloads that the generator does not vary, with the values a
 * delivery usually has. With the fields it sets, a generated payload has the fields of a
 * real one (the generator's spec compares them with the webhook fixtures).
 */
const DEFAULTS = {
  assessment: { purpose: 'Screens engineering candidates.' },
  assessmentResult: {
    abandoned: false,
    browser_user_agent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    dry_run: false,
    redirect_url: null,
    review_ratings: {},
    workflow_name: null,
    workflow_path_id: null,
    workflow_trigger: null,
  },
  review: {
    feedback: null,
    rating: null,
    state: 'invited',
    submitted_at: null,
    solution_reviews: [],
  },
  solution: {
    team_id: '6590aa01f3b2c40010d1e5b2',
    attempts: 0,
    completed_at: null,
    first_test_case_solved_at: null,
    passed_test_cases: 0,
    score: null,
    wall_time: null,
    failed_test_names: [],
    submission_response_error: null,
    passing_score: false,
    ai_reviewable: false,
    ai_reviewed: false,
  },
} satisfies Record<string, JsonObject>;

/** A fresh copy of the defaults of one kind of payload, to fill in. */
export function payloadDefaults(kind: keyof typeof DEFAULTS): JsonObject {
  return structuredClone(DEFAULTS[kind]);
}
