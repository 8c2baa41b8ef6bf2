import { loadFixture, type FixtureType } from '../../../test/fixtures/webhooks/index.js';
import { EVENT_RESOURCE } from '../../events/event-catalog.js';
import { validateWebhookData, type FieldError } from './webhook-data.validator.js';

/** Field values to set, by path (`solutions[1].challenge.id`), all in one payload. */
type Changes = Record<string, unknown>;

function validateChanged(type: FixtureType, changes: Changes): FieldError[] {
  const data = loadFixture(type).data as Record<string, unknown>;
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.match(/[^.[\]]+/g) ?? [];
    const last = keys.pop() as string;
    const parent = keys.reduce<unknown>(
      (node, key) => (node as Record<string, unknown>)[key],
      data,
    ) as Record<string, unknown>;
    parent[last] = value;
  }
  const errors = validateWebhookData(EVENT_RESOURCE[type], data);
  return errors.sort((a, b) => a.field.localeCompare(b.field));
}

/** [field, message] pairs, in field order. */
function expected(...errors: [string, string][]): FieldError[] {
  return errors
    .map(([field, message]) => ({ field, message }))
    .sort((a, b) => a.field.localeCompare(b.field));
}

describe('wrong types give field errors', () => {
  it('TeamCandidate', () => {
    expect(
      validateChanged('team_candidate_label_added', {
        email: 42,
        first_name: ['Maria'],
        labels: ['backend', 7],
        state: 3,
        test_team_member: 'false',
        assessment_results_count: '1',
        highest_score: { value: 89.6 },
        added_label: ['backend'],
      }),
    ).toEqual(
      expected(
        ['data.email', 'must be a string or null (got 42)'],
        ['data.first_name', 'must be a string or null (got an array)'],
        ['data.labels', 'must be an array of strings or null (got 7 at [1])'],
        ['data.state', 'must be a string or null (got 3)'],
        ['data.test_team_member', 'must be a boolean or null (got "false")'],
        ['data.assessment_results_count', 'must be a number or null (got "1")'],
        ['data.highest_score', 'must be a number or null (got an object)'],
        ['data.added_label', 'must be a string or null (got an array)'],
      ),
    );
    expect(
      validateChanged('team_candidate_label_removed', { removed_label: 5, labels: 'backend' }),
    ).toEqual(
      expected(
        ['data.removed_label', 'must be a string or null (got 5)'],
        ['data.labels', 'must be an array of strings or null (got "backend")'],
      ),
    );
  });

  it('AssessmentResult, with its nested candidate, team candidate, assessment and solutions', () => {
    expect(
      validateChanged('assessment_result_submitted', {
        score: 'ninety',
        abandoned: 'no',
        accumulated_seconds: '3912',
        passing_score: 1,
        invited_at: 'last Tuesday',
        started_at: '2024-02-30T08:42:05Z',
        submitted_at: 1705139251,
        'candidate.email': 42,
        'team_candidate.id': 123,
        'team_candidate.state': false,
        'assessment.labels': [['backend']],
        'assessment.title': 5,
        'solutions[0].challenge.id': 6597,
        'solutions[1].score': '87.5',
        'solutions[1].challenge.topics': ['http', null],
      }),
    ).toEqual(
      expected(
        ['data.score', 'must be a number or null (got "ninety")'],
        ['data.abandoned', 'must be a boolean or null (got "no")'],
        ['data.accumulated_seconds', 'must be a number or null (got "3912")'],
        ['data.passing_score', 'must be a boolean or null (got 1)'],
        ['data.invited_at', 'must be an ISO-8601 timestamp or null (got "last Tuesday")'],
        ['data.started_at', 'must be an ISO-8601 timestamp or null (got "2024-02-30T08:42:05Z")'],
        ['data.submitted_at', 'must be an ISO-8601 timestamp or null (got 1705139251)'],
        ['data.candidate.email', 'must be a string or null (got 42)'],
        ['data.team_candidate.id', 'must be a string (got 123)'],
        ['data.team_candidate.state', 'must be a string or null (got false)'],
        ['data.assessment.labels', 'must be an array of strings or null (got an array at [0])'],
        ['data.assessment.title', 'must be a string or null (got 5)'],
        ['data.solutions[0].challenge.id', 'must be a string (got 6597)'],
        ['data.solutions[1].score', 'must be a number or null (got "87.5")'],
        [
          'data.solutions[1].challenge.topics',
          'must be an array of strings or null (got null at [1])',
        ],
      ),
    );
  });

  it('AssessmentResult, with nested values of the wrong shape', () => {
    expect(
      validateChanged('assessment_result_submitted', {
        candidate: 'maria.okafor@example.com',
        team_candidate: [{ id: '65a1f3c29d4e8b0012a4c7e1' }],
        assessment: '6598e2b17c3a5d0011f2b9a4',
        'solutions[0].challenge': ['6597c0d45e2f1a0010b8e3f7'],
      }),
    ).toEqual(
      expected(
        ['data.candidate', 'must be an object or null (got "maria.okafor@example.com")'],
        ['data.team_candidate', 'must be an object or null (got an array)'],
        ['data.assessment', 'must be an object or null (got "6598e2b17c3a5d0011f2b9a4")'],
        ['data.solutions[0].challenge', 'must be an object or null (got an array)'],
      ),
    );
    expect(validateChanged('assessment_result_submitted', { solutions: { 0: {} } })).toEqual(
      expected(['data.solutions', 'must be an array of objects or null (got an object)']),
    );
    expect(validateChanged('assessment_result_submitted', { 'solutions[1]': 'x' })).toEqual(
      expected(['data.solutions', 'must be an array of objects or null (got "x" at [1])']),
    );
    expect(validateChanged('assessment_result_submitted', { 'solutions[0]': [{}] })).toEqual(
      expected(['data.solutions', 'must be an array of objects or null (got an array at [0])']),
    );
  });

  it('Solution, with its challenge', () => {
    expect(
      validateChanged('solution_updated', {
        attempts: '6',
        passed_test_cases: true,
        total_test_cases: [12],
        score: '91.7',
        passing_score: 'yes',
        completed_at: 'soon',
        first_test_case_solved_at: '13/01/2024 09:02',
        assessment_id: 6598,
        assessment_result_id: { id: '65a1f4087c3a5d0011f3d2c8' },
        team_candidate_id: true,
        team_id: [],
        'challenge.title': 17,
        'challenge.estimated_time': '45 minutes',
      }),
    ).toEqual(
      expected(
        ['data.attempts', 'must be a number or null (got "6")'],
        ['data.passed_test_cases', 'must be a number or null (got true)'],
        ['data.total_test_cases', 'must be a number or null (got an array)'],
        ['data.score', 'must be a number or null (got "91.7")'],
        ['data.passing_score', 'must be a boolean or null (got "yes")'],
        ['data.completed_at', 'must be an ISO-8601 timestamp or null (got "soon")'],
        [
          'data.first_test_case_solved_at',
          'must be an ISO-8601 timestamp or null (got "13/01/2024 09:02")',
        ],
        ['data.assessment_id', 'must be a string (got 6598)'],
        ['data.assessment_result_id', 'must be a string (got an object)'],
        ['data.team_candidate_id', 'must be a string (got true)'],
        ['data.team_id', 'must be a string (got an array)'],
        ['data.challenge.title', 'must be a string or null (got 17)'],
        ['data.challenge.estimated_time', 'must be a number or null (got "45 minutes")'],
      ),
    );
    expect(validateChanged('solution_updated', { challenge: 'Rate Limiter' })).toEqual(
      expected(['data.challenge', 'must be an object or null (got "Rate Limiter")']),
    );
  });

  it('AssessmentResultReview, with its solution reviews', () => {
    expect(
      validateChanged('assessment_result_review_submitted', {
        rating: 4.5,
        feedback: 5,
        state: ['submitted'],
        submitted_at: '',
        reviewed_by_id: 99,
        team_candidate_id: null,
        assessment_result_id: { $oid: '65a1f4087c3a5d0011f3d2c8' },
        'solution_reviews[0].solution_id': 5,
        'solution_reviews[0].challenge_id': [],
        'solution_reviews[1].rating': 10,
        'solution_reviews[1].feedback': { text: 'Confused 301 and 308.' },
      }),
    ).toEqual(
      expected(
        ['data.rating', 'must be an integer from 1 to 5 or null (got 4.5)'],
        ['data.feedback', 'must be a string or null (got 5)'],
        ['data.state', 'must be a string or null (got an array)'],
        ['data.submitted_at', 'must be an ISO-8601 timestamp or null (got "")'],
        ['data.reviewed_by_id', 'must be a string (got 99)'],
        ['data.assessment_result_id', 'must be a string (got an object)'],
        ['data.solution_reviews[0].solution_id', 'must be a string (got 5)'],
        ['data.solution_reviews[0].challenge_id', 'must be a string (got an array)'],
        ['data.solution_reviews[1].rating', 'must be an integer from 1 to 5 or null (got 10)'],
        ['data.solution_reviews[1].feedback', 'must be a string or null (got an object)'],
      ),
    );
    expect(
      validateChanged('assessment_result_review_submitted', { solution_reviews: 'none' }),
    ).toEqual(
      expected(['data.solution_reviews', 'must be an array of objects or null (got "none")']),
    );
  });

  it.each([
    [0, '0'],
    [6, '6'],
    [-1, '-1'],
    [true, 'true'],
  ])('AssessmentResultReview rating %j is out of 1..5', (rating, got) => {
    expect(validateChanged('assessment_result_review_submitted', { rating })).toEqual(
      expected(['data.rating', `must be an integer from 1 to 5 or null (got ${got})`]),
    );
  });

  it('AssessmentResultReview ratings 1 to 5 are accepted', () => {
    for (const rating of [1, 2, 3, 4, 5]) {
      expect(
        validateChanged('assessment_result_review_submitted', {
          rating,
          'solution_reviews[0].rating': rating,
        }),
      ).toEqual([]);
    }
  });

  it('Challenge', () => {
    expect(
      validateChanged('challenge_updated', {
        title: false,
        estimated_time: '45',
        topics: ['algorithms', { name: 'concurrency' }],
      }),
    ).toEqual(
      expected(
        ['data.title', 'must be a string or null (got false)'],
        ['data.estimated_time', 'must be a number or null (got "45")'],
        ['data.topics', 'must be an array of strings or null (got an object at [1])'],
      ),
    );
  });

  it('Assessment, with its challenges', () => {
    expect(
      validateChanged('assessment_updated', {
        title: ['Backend Engineer (Python)'],
        state: 1,
        'challenges[0].topics': [1],
        'challenges[1].id': 6597,
        'challenges[1].title': 7,
      }),
    ).toEqual(
      expected(
        ['data.title', 'must be a string or null (got an array)'],
        ['data.state', 'must be a string or null (got 1)'],
        ['data.challenges[0].topics', 'must be an array of strings or null (got 1 at [0])'],
        ['data.challenges[1].id', 'must be a string (got 6597)'],
        ['data.challenges[1].title', 'must be a string or null (got 7)'],
      ),
    );
    expect(validateChanged('assessment_updated', { 'challenges[0]': null })).toEqual(
      expected(['data.challenges', 'must be an array of objects or null (got null at [0])']),
    );
  });

  it('timestamps in other ISO-8601 forms are accepted', () => {
    for (const timestamp of [
      '2024-01-13T09:47:31Z',
      '2024-01-13T09:47:31.204123Z',
      '2024-01-13T10:47:31.204+01:00',
      '2024-01-13T09:47:31',
    ]) {
      expect(
        validateChanged('assessment_result_submitted', {
          submitted_at: timestamp,
          'solutions[0].completed_at': timestamp,
        }),
      ).toEqual([]);
    }
  });

  it.each(['2024-W02-3', '2024-013', '20240113T094731Z', '13/01/2024'])(
    'timestamp %s, which Date cannot read, is refused',
    (timestamp) => {
      expect(validateChanged('assessment_result_submitted', { invited_at: timestamp })).toEqual(
        expected(['data.invited_at', `must be an ISO-8601 timestamp or null (got "${timestamp}")`]),
      );
    },
  );

  it('long strings are shortened in messages', () => {
    const [error] = validateChanged('challenge_updated', { estimated_time: 'x'.repeat(500) });
    expect(error).toEqual({
      field: 'data.estimated_time',
      message: `must be a number or null (got "${'x'.repeat(40)}…")`,
    });
  });
});
