import {
  FIXTURE_TYPES,
  loadFixture,
  type FixtureType,
} from '../../../test/fixtures/webhooks/index.js';
import { EVENT_RESOURCE, STREAM_PREFIXES, type ResourceKind } from '../../events/event-catalog.js';
import { ChallengeDto } from './challenge.dto.js';
import { validateWebhookData, type FieldError } from './webhook-data.validator.js';

const RESOURCES = Object.keys(STREAM_PREFIXES) as ResourceKind[];

/** The fullest fixture of each documented resource. */
const FIXTURE_OF = {
  TeamCandidate: 'team_candidate_label_added',
  AssessmentResult: 'assessment_result_submitted',
  Solution: 'solution_updated',
  AssessmentResultReview: 'assessment_result_review_submitted',
  Challenge: 'challenge_updated',
  Assessment: 'assessment_updated',
} as const satisfies Partial<Record<ResourceKind, FixtureType>>;

type DocumentedResource = keyof typeof FIXTURE_OF;

const DOCUMENTED = Object.keys(FIXTURE_OF) as DocumentedResource[];
const UNDOCUMENTED = RESOURCES.filter((kind) => !(kind in FIXTURE_OF));

const ABSENT = Symbol('absent');

function dataOf(type: FixtureType): Record<string, unknown> {
  return loadFixture(type).data as Record<string, unknown>;
}

/** A copy of the data with the field at `path` (`solutions[1].challenge.id`) replaced or removed. */
function withField(data: Record<string, unknown>, path: string, value: unknown) {
  const copy = structuredClone(data);
  const keys = path.match(/[^.[\]]+/g) ?? [];
  const last = keys.pop() as string;
  const parent = keys.reduce<unknown>(
    (node, key) => (node as Record<string, unknown>)[key],
    copy,
  ) as Record<string, unknown>;
  if (value === ABSENT) delete parent[last];
  else parent[last] = value;
  return copy;
}

/** [path, value] of every field at any depth; array items are walked through, not listed. */
function fieldEntries(value: unknown, prefix = ''): [string, unknown][] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => fieldEntries(item, `${prefix}[${i}]`));
  }
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    return [[path, inner] as [string, unknown], ...fieldEntries(inner, path)];
  });
}

const fieldPaths = (value: unknown) => fieldEntries(value).map(([path]) => path);

const isObject = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const byField = (a: FieldError, b: FieldError) => a.field.localeCompare(b.field);

describe('validateWebhookData', () => {
  it.each(FIXTURE_TYPES)('accepts the %s fixture', (type) => {
    expect(validateWebhookData(EVENT_RESOURCE[type], loadFixture(type).data)).toEqual([]);
  });

  describe('data that is not an object', () => {
    const cases: [unknown, string][] = [
      [null, 'null'],
      [undefined, 'nothing'],
      [[], 'an array'],
      [[{ id: '65a1f3c29d4e8b0012a4c7e1' }], 'an array'],
      ['65a1f3c29d4e8b0012a4c7e1', '"65a1f3c29d4e8b0012a4c7e1"'],
      [42, '42'],
      [true, 'true'],
    ];

    it.each(RESOURCES)('is refused for %s', (resource) => {
      for (const [data, got] of cases) {
        expect(validateWebhookData(resource, data)).toEqual([
          { field: 'data', message: `must be an object (got ${got})` },
        ]);
      }
    });
  });

  describe('data.id of a documented resource', () => {
    it.each(DOCUMENTED)('is required for %s', (resource) => {
      const data = dataOf(FIXTURE_OF[resource]);
      const required = (got: string) => [
        { field: 'data.id', message: `is required: must be a non-empty string (got ${got})` },
      ];

      expect(validateWebhookData(resource, withField(data, 'id', ABSENT))).toEqual(
        required('nothing'),
      );
      expect(validateWebhookData(resource, withField(data, 'id', null))).toEqual(required('null'));
      expect(validateWebhookData(resource, withField(data, 'id', ''))).toEqual(required('""'));
    });

    it.each(DOCUMENTED)('must be a string for %s', (resource) => {
      const data = dataOf(FIXTURE_OF[resource]);
      for (const [id, got] of [
        [42, '42'],
        [{ $oid: '65a1f3c29d4e8b0012a4c7e1' }, 'an object'],
        [['65a1f3c29d4e8b0012a4c7e1'], 'an array'],
      ] as const) {
        expect(validateWebhookData(resource, withField(data, 'id', id))).toEqual([
          { field: 'data.id', message: `must be a string (got ${got})` },
        ]);
      }
    });
  });

  describe('null or absent fields', () => {
    it('are walked down to fields of nested array items', () => {
      expect(fieldPaths(dataOf('assessment_result_submitted'))).toEqual(
        expect.arrayContaining(['team_candidate.id', 'solutions[1].challenge.topics']),
      );
    });

    it.each(FIXTURE_TYPES)('are accepted anywhere but data.id in %s', (type) => {
      const data = dataOf(type);
      const resource = EVENT_RESOURCE[type];
      const refused = fieldPaths(data)
        .filter((path) => path !== 'id')
        .flatMap((path) => [
          ...validateWebhookData(resource, withField(data, path, null)),
          ...validateWebhookData(resource, withField(data, path, ABSENT)),
        ]);
      expect(refused).toEqual([]);
    });

    it('leave only the id required', () => {
      const id = '65a1f4087c3a5d0011f3d2c8';
      for (const resource of DOCUMENTED) {
        expect(validateWebhookData(resource, { id })).toEqual([]);
      }
    });
  });

  describe('what Qualified may add', () => {
    const extras = {
      ai_summary: { verdict: 'hire', confidence: 0.93 },
      proctoring: ['tab_switch', 3, null],
      score_percent: 'ninety',
      review_ratings: { '6590ab7cf3b2c40010d1e5c9': 'strong yes' },
      recent_assessment_result: { score: 'n/a', solutions: 'none' },
    };

    it.each(FIXTURE_TYPES)('unknown fields at every level of %s are accepted', (type) => {
      const data = dataOf(type);
      const objects = [
        '',
        ...fieldEntries(data)
          .filter(([, value]) => isObject(value))
          .map(([path]) => path),
      ];
      let extended = data;
      for (const path of objects) {
        for (const [key, value] of Object.entries(extras)) {
          extended = withField(extended, path === '' ? key : `${path}.${key}`, value);
        }
      }

      expect(fieldPaths(extended)).toEqual(
        expect.arrayContaining(
          objects.map((path) => (path === '' ? 'ai_summary' : `${path}.ai_summary`)),
        ),
      );
      expect(validateWebhookData(EVENT_RESOURCE[type], extended)).toEqual([]);
    });

    it('unknown states are accepted', () => {
      const states: [FixtureType, string[]][] = [
        ['team_candidate_state_changed', ['state', 'prev_state']],
        [
          'assessment_result_submitted',
          ['state', 'team_candidate.state', 'team_candidate.prev_state'],
        ],
        ['assessment_result_review_submitted', ['state']],
        ['assessment_published', ['state']],
      ];
      for (const [type, paths] of states) {
        const data = paths.reduce((next, path) => withField(next, path, 'on_hold'), dataOf(type));
        expect(validateWebhookData(EVENT_RESOURCE[type], data)).toEqual([]);
      }
    });
  });

  describe('undocumented resources', () => {
    const contents: unknown[] = [
      {},
      { id: 42 },
      { id: null },
      { id: { $oid: '65a1f3c29d4e8b0012a4c7e1' } },
      { id: '65a3c1d27c3a5d0011f4e0a1', body: 'Great communicator.', author_id: 7 },
      { score: 'ninety', labels: 'backend', rating: 99, solutions: 'none', candidate: 5 },
    ];

    it.each(UNDOCUMENTED)('%s accepts any object', (resource) => {
      for (const data of contents) expect(validateWebhookData(resource, data)).toEqual([]);
    });

    it('are the kinds without a DTO', () => {
      expect(UNDOCUMENTED.sort()).toEqual(
        [
          'ExternalEvidenceInvite',
          'Note',
          'PathwayInterviewBooking',
          'PathwayResult',
          'PathwayStepResult',
        ].sort(),
      );
    });
  });

  describe('types are never converted', () => {
    it.each([
      ['assessment_result_submitted', 'score', '89.6', 'must be a number or null (got "89.6")'],
      [
        'assessment_result_submitted',
        'passing_score',
        'true',
        'must be a boolean or null (got "true")',
      ],
      ['assessment_result_submitted', 'abandoned', 0, 'must be a boolean or null (got 0)'],
      ['challenge_created', 'estimated_time', '45', 'must be a number or null (got "45")'],
      ['challenge_created', 'title', 45, 'must be a string or null (got 45)'],
      [
        'challenge_created',
        'topics',
        'algorithms',
        'must be an array of strings or null (got "algorithms")',
      ],
      [
        'assessment_result_review_submitted',
        'rating',
        '5',
        'must be an integer from 1 to 5 or null (got "5")',
      ],
      ['solution_updated', 'assessment_result_id', 65, 'must be a string (got 65)'],
      [
        'solution_updated',
        'completed_at',
        1705138272487,
        'must be an ISO-8601 timestamp or null (got 1705138272487)',
      ],
    ] as const)('%s: %s = %j', (type, path, value, message) => {
      const data = withField(dataOf(type), path, value);
      expect(validateWebhookData(EVENT_RESOURCE[type], data)).toEqual([
        { field: `data.${path}`, message },
      ]);
    });
  });

  describe('payload keys that name prototypes', () => {
    const hostile = `{
      "__proto__": { "polluted": true, "id": "65a1f4087c3a5d0011f3d2c8" },
      "constructor": { "prototype": { "polluted": true } },
      "score": 89.6,
      "candidate": { "__proto__": { "polluted": true }, "constructor": "Object", "email": 42 },
      "assessment": { "labels": [{ "constructor": 1 }, "backend"], "title": { "constructor": 1 } },
      "solutions": [
        { "__proto__": { "score": "ninety" }, "constructor": { "name": "x" }, "score": 91.7 },
        { "constructor": null, "challenge": { "constructor": [1], "__proto__": [] } }
      ]
    }`;

    it('neither pollute, crash nor stand in for real fields', () => {
      const data: unknown = JSON.parse(hostile);

      const errors = validateWebhookData('AssessmentResult', data);

      expect(errors.sort(byField)).toEqual([
        {
          field: 'data.assessment.labels',
          message: 'must be an array of strings or null (got an object at [0])',
        },
        { field: 'data.assessment.title', message: 'must be a string or null (got an object)' },
        { field: 'data.candidate.email', message: 'must be a string or null (got 42)' },
        { field: 'data.id', message: 'is required: must be a non-empty string (got nothing)' },
      ]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect('polluted' in Object.prototype).toBe(false);
      expect('polluted' in ChallengeDto.prototype).toBe(false);
      expect(data).toEqual(JSON.parse(hostile));
    });

    it('leave later validations unaffected', () => {
      validateWebhookData('AssessmentResult', JSON.parse(hostile));

      const data = dataOf('assessment_result_submitted');
      expect(validateWebhookData('AssessmentResult', data)).toEqual([]);
      expect(validateWebhookData('AssessmentResult', withField(data, 'id', ABSENT))).toHaveLength(
        1,
      );
    });
  });
});
