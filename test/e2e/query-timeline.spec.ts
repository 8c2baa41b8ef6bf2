import { parse } from 'csv-parse/sync';
import { TIMELINE_CSV_COLUMNS } from '../../src/query/candidate-timeline/timeline-download.js';
import { eventually } from '../support/eventually.js';
import { readAllPages } from '../support/paging.js';
import { objectId } from '../support/scenario.js';
import { getJson, post, startService, type RunningService } from '../support/service.js';
import {
  assessmentResult,
  candidateLabel,
  candidateStateChanged,
  postAll,
  review,
  untilAnswer,
  type Person,
} from '../support/webhooks.js';

interface Entry {
  seq: number;
  kind: string;
  at: string;
  [field: string]: string | number | null;
}

const maria: Person = {
  id: objectId('candidate', 1),
  name: 'Maria Okafor',
  email: 'maria.okafor@example.com',
};
const backend = { id: objectId('assessment', 1), title: 'Backend Engineer (Python)' };
const resultId = objectId('result', 1);
const TRICKY_LABEL = 'senior, "maybe"\nlater';
const FORMULA_LABEL = '=HYPERLINK("http://example.com")';

async function download(url: string) {
  const response = await fetch(url);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** A CSV cell as the timeline's entry value: empty for null, numbers as text. */
const cell = (value: string | number | null) => (value === null ? '' : String(value));

describe("a candidate's timeline", () => {
  let service: RunningService;
  let entries: Entry[];
  const url = (path: string) => `${service.queryUrl}${path}`;
  const timeline = (query = '') => url(`/candidates/${maria.id}/timeline${query}`);

  beforeAll(async () => {
    service = await startService();
    const webhooks = [
      candidateStateChanged(maria, 'idle', 'invited'),
      assessmentResult({ id: resultId, candidate: maria, assessment: backend, state: 'started' }),
      candidateLabel('added', maria, TRICKY_LABEL, ['invited', 'started']),
      candidateLabel('added', maria, FORMULA_LABEL, ['invited', 'started']),
      // prev_state "reviewed" does not follow "started": a delivery went missing.
      candidateStateChanged(maria, 'reviewed', 'approved'),
      review('created', {
        id: objectId('review', 1),
        resultId,
        candidateId: maria.id,
        reviewerId: objectId('reviewer', 1),
      }),
      candidateLabel('removed', maria, TRICKY_LABEL, ['reviewed', 'approved']),
    ];
    // Each webhook once the one before is projected, so that each is received later.
    for (const [i, webhook] of webhooks.entries()) {
      await postAll(service, [webhook]);
      await untilAnswer(timeline(), (answer) => expect(answer.body.items).toHaveLength(i + 1));
    }
    entries = (await getJson(timeline())).body.items;
  });

  afterAll(async () => {
    await service.close();
  });

  describe('as JSON', () => {
    it('holds transitions with gap marks, labels and reviews, oldest first', () => {
      // [kind, from, to, expected, label or review state]
      expect(
        entries.map((e) => [e.kind, e.from, e.to, e.expected, e.label ?? e.reviewState]),
      ).toEqual([
        ['transition', 'idle', 'invited', null, null],
        ['transition', 'invited', 'started', null, null],
        ['label_added', null, null, null, TRICKY_LABEL],
        ['label_added', null, null, null, FORMULA_LABEL],
        ['transition', 'reviewed', 'approved', 'started', null],
        ['review', null, null, null, 'invited'],
        ['label_removed', null, null, null, TRICKY_LABEL],
      ]);
      expect(entries[1]).toEqual({
        seq: 2,
        kind: 'transition',
        from: 'invited',
        to: 'started',
        expected: null,
        label: null,
        resultId,
        reviewId: null,
        reviewState: null,
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        eventId: expect.any(String),
        eventType: 'assessment_result_started',
        eventName: 'assessment_result_started',
      });
    });

    it('pages with limit and cursor', async () => {
      const { keys, pages } = await readAllPages(timeline('?limit=3'), undefined, (entry) =>
        String(entry.seq),
      );
      expect(pages).toBe(3);
      expect(keys).toEqual(entries.map((entry) => String(entry.seq)));
    });

    it('holds only the entries received by asOf', async () => {
      const asOf = entries[2].at;
      const answer = await getJson(timeline(`?asOf=${asOf}`));
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ items: entries.slice(0, 3), nextCursor: null });
    });

    it('is empty before the first entry', async () => {
      const answer = await getJson(timeline('?asOf=2001-01-01'));
      expect(answer.body).toEqual({ items: [], nextCursor: null });
    });
  });

  describe('as CSV', () => {
    it('downloads the whole timeline with a header row and proper quoting', async () => {
      const answer = await download(timeline('?format=csv'));
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(answer.headers.get('content-disposition')).toBe(
        `attachment; filename="candidate-${maria.id}-timeline.csv"`,
      );
      const [header, ...rows] = parse(answer.text) as string[][];
      expect(header).toEqual([...TIMELINE_CSV_COLUMNS]);
      const expected = entries.map((entry) => TIMELINE_CSV_COLUMNS.map((c) => cell(entry[c])));
      // A cell a spreadsheet would run as a formula is kept as text.
      expected[3][TIMELINE_CSV_COLUMNS.indexOf('label')] = `'${FORMULA_LABEL}`;
      expect(rows).toEqual(expected);
      expect(rows[2][TIMELINE_CSV_COLUMNS.indexOf('label')]).toBe(TRICKY_LABEL);
    });

    it('holds only the entries received by asOf', async () => {
      const answer = await download(timeline(`?format=csv&asOf=${entries[1].at}`));
      const rows = parse(answer.text, { columns: true }) as Record<string, string>[];
      expect(rows.map((row) => row.seq)).toEqual(['1', '2']);
    });

    it('has only the header row before the first entry', async () => {
      const answer = await download(timeline('?format=csv&asOf=2001-01-01'));
      expect(parse(answer.text)).toEqual([[...TIMELINE_CSV_COLUMNS]]);
    });
  });

  describe('as NDJSON', () => {
    it('downloads the whole timeline, one entry per line', async () => {
      const answer = await download(timeline('?format=ndjson'));
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/x-ndjson');
      expect(answer.headers.get('content-disposition')).toBe(
        `attachment; filename="candidate-${maria.id}-timeline.ndjson"`,
      );
      expect(answer.text.endsWith('\n')).toBe(true);
      const lines = answer.text.trimEnd().split('\n');
      expect(lines.map((line) => JSON.parse(line))).toEqual(entries);
    });

    it('holds only the entries received by asOf', async () => {
      const answer = await download(timeline(`?format=ndjson&asOf=${entries[4].at}`));
      const lines = answer.text.trimEnd().split('\n');
      expect(lines.map((line) => JSON.parse(line))).toEqual(entries.slice(0, 5));
    });
  });

  it.each(['', '?format=csv', '?format=ndjson'])(
    'answers 404 with a JSON reason for an unknown candidate (%s)',
    async (query) => {
      const answer = await getJson(url(`/candidates/nobody/timeline${query}`));
      expect(answer.status).toBe(404);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(answer.body.message).toBe('There is no candidate "nobody"');
    },
  );

  it.each([
    ['format=xml', 'format'],
    ['format=CSV', 'format'],
    ['asOf=last%20week', 'asOf'],
    ['format=csv&limit=10', 'limit'],
    ['format=ndjson&cursor=WzNd', 'cursor'],
    ['limit=0', 'limit'],
    ['cursor=bogus', 'cursor'],
  ])('answers 400 naming the parameter for ?%s', async (query, field) => {
    const answer = await getJson(timeline(`?${query}`));
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe(`Invalid parameters: ${field}`);
  });
});

describe('downloading a long timeline', () => {
  let service: RunningService;
  const ada: Person = {
    id: objectId('candidate', 2),
    name: 'Ada Lovelace',
    email: 'ada@example.com',
  };
  const LABELS = 520;

  beforeAll(async () => {
    service = await startService();
    const webhooks = Array.from({ length: LABELS }, (_, i) =>
      candidateLabel('added', ada, `l${i}`),
    );
    // In parallel batches: the order of the entries is the order the log received them.
    for (let i = 0; i < webhooks.length; i += 20) {
      await Promise.all(
        webhooks.slice(i, i + 20).map((webhook) => post(service.webhookUrl, webhook)),
      );
    }
  });

  afterAll(async () => {
    await service.close();
  });

  it('streams every entry, beyond the largest page the reader reads', async () => {
    const url = `${service.queryUrl}/candidates/${ada.id}/timeline`;
    // The first delivery also records the transition into the state it reports.
    await eventually(async () =>
      expect((await readAllPages(`${url}?limit=500`)).keys).toHaveLength(LABELS + 1),
    );
    const csv = parse((await download(`${url}?format=csv`)).text, { columns: true }) as Record<
      string,
      string
    >[];
    expect(csv.map((row) => Number(row.seq))).toEqual(
      Array.from({ length: LABELS + 1 }, (_, i) => i + 1),
    );
    const ndjson = (await download(`${url}?format=ndjson`)).text.trimEnd().split('\n');
    expect(ndjson).toHaveLength(LABELS + 1);
    expect(
      new Set(csv.filter((row) => row.kind === 'label_added').map((row) => row.label)).size,
    ).toBe(LABELS);
  });
});
