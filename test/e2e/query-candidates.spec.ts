import { objectId } from '../support/scenario.js';
import { readAllPages } from '../support/paging.js';
import { getJson, startService, type RunningService } from '../support/service.js';
import {
  assessmentResult,
  candidateLabel,
  candidateStateChanged,
  postAll,
  untilAnswer,
  type Person,
} from '../support/webhooks.js';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const person = (n: number, name: string, email: string): Person => ({
  id: objectId('candidate', n),
  name,
  email,
});

const grace = person(1, 'Grace Hopper', 'grace@navy.example');
const ada = person(2, 'Ada Lovelace', 'ada@example.com');
const alan = person(3, 'Alan Turing', 'alan@bletchley.example');
const katherine = person(4, 'Katherine Johnson', 'kj@nasa.example');
const jose = person(5, 'José Ortiz', 'j.ortiz@example.com');

const backend = { id: objectId('assessment', 1), title: 'Backend Engineer (Python)' };
const frontend = { id: objectId('assessment', 2), title: 'Frontend Engineer' };

describe('the candidates routes', () => {
  let service: RunningService;
  const url = (path: string) => `${service.queryUrl}${path}`;
  const ids = async (path: string) => {
    const answer = await getJson(url(path));
    expect(answer.status).toBe(200);
    return answer.body.items.map((candidate: { id: string }) => candidate.id);
  };

  beforeAll(async () => {
    service = await startService();
    await postAll(service, [
      candidateStateChanged(grace, 'started', 'submitted'),
      candidateStateChanged(ada, 'idle', 'invited'),
      candidateLabel('added', ada, 'backend'),
      candidateStateChanged(alan, 'started', 'submitted'),
      candidateLabel('added', alan, 'frontend', ['started', 'submitted']),
      candidateStateChanged(katherine, 'invited', 'started'),
      candidateStateChanged(jose, 'submitted', 'rejected'),
      assessmentResult({
        id: objectId('result', 1),
        candidate: grace,
        assessment: backend,
        state: 'submitted',
      }),
      assessmentResult({
        id: objectId('result', 2),
        candidate: alan,
        assessment: frontend,
        state: 'submitted',
      }),
    ]);
    await untilAnswer(url(`/candidates?assessmentId=${frontend.id}`), (answer) =>
      expect(answer.body.items).toHaveLength(1),
    );
  });

  afterAll(async () => {
    await service.close();
  });

  describe('GET /candidates', () => {
    it('lists the candidates, the newest activity first, in camelCase with UTC times', async () => {
      const answer = await getJson(url('/candidates'));
      expect(answer.status).toBe(200);
      expect(answer.body.nextCursor).toBeNull();
      const items: { id: string; lastActivityAt: string }[] = answer.body.items;
      expect(items.map((c) => c.id).sort()).toEqual(
        [grace, ada, alan, katherine, jose].map((p) => p.id),
      );
      const newestFirst = [...items].sort(
        (a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt) || b.id.localeCompare(a.id),
      );
      expect(items).toEqual(newestFirst);
      expect(items[0].id).toBe(alan.id);
      expect(answer.body.items.find((c: { id: string }) => c.id === ada.id)).toEqual({
        id: ada.id,
        name: 'Ada Lovelace',
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada@example.com',
        anonymousName: 'Candidate 4827',
        state: 'invited',
        prevState: 'idle',
        labels: ['backend'],
        testTeamMember: false,
        assessmentResultsCount: 1,
        highestScore: 89.6,
        firstSeenAt: expect.stringMatching(ISO_UTC),
        lastActivityAt: expect.stringMatching(ISO_UTC),
      });
    });

    it('filters by state, label and assessment', async () => {
      expect(await ids('/candidates?state=submitted')).toEqual([alan.id, grace.id]);
      expect(await ids('/candidates?state=hired')).toEqual([]);
      expect(await ids('/candidates?label=backend')).toEqual([ada.id]);
      expect(await ids('/candidates?label=frontend')).toEqual([alan.id]);
      expect(await ids(`/candidates?assessmentId=${backend.id}`)).toEqual([grace.id]);
      expect(await ids(`/candidates?assessmentId=${backend.id}&state=rejected`)).toEqual([]);
    });

    it('finds candidates by the start of their name, a word in it, or their email', async () => {
      expect(await ids('/candidates?q=lovel')).toEqual([ada.id]);
      expect(await ids('/candidates?q=KJ%40nasa')).toEqual([katherine.id]);
      expect(await ids('/candidates?q=jos%C3%A9%20o')).toEqual([jose.id]);
      expect(await ids('/candidates?q=a&state=submitted')).toEqual([alan.id]);
    });

    it('pages with limit and the cursor of the previous page', async () => {
      const first = await getJson(url('/candidates?limit=2'));
      expect(first.body.items).toHaveLength(2);
      const second = await getJson(url(`/candidates?limit=2&cursor=${first.body.nextCursor}`));
      const third = await getJson(url(`/candidates?limit=2&cursor=${second.body.nextCursor}`));
      expect(third.body.nextCursor).toBeNull();
      const paged = [first, second, third].flatMap((page) =>
        page.body.items.map((c: { id: string }) => c.id),
      );
      expect(paged).toEqual(await ids('/candidates'));
    });
  });

  describe('GET /candidates/:id', () => {
    it("answers the candidate's current state", async () => {
      const answer = await getJson(url(`/candidates/${jose.id}`));
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        id: jose.id,
        name: 'José Ortiz',
        state: 'rejected',
        prevState: 'submitted',
      });
    });

    it('answers 404 with a JSON reason for an unknown id, also with asOf', async () => {
      for (const path of ['/candidates/nobody', '/candidates/nobody?asOf=2024-01-13']) {
        const answer = await getJson(url(path));
        expect(answer.status).toBe(404);
        expect(answer.body).toEqual({
          statusCode: 404,
          error: 'Not Found',
          message: 'There is no candidate "nobody"',
        });
      }
    });

    it.each([
      ['state=Sub%20mitted', 'state'],
      ['state=a&state=b', 'state'],
      ['label=', 'label'],
      ['assessmentId=', 'assessmentId'],
      ['q=', 'q'],
    ])('answers 400 naming the parameter for ?%s', async (query, field) => {
      const answer = await getJson(url(`/candidates?${query}`));
      expect(answer.status).toBe(400);
      expect(answer.body.message).toBe(`Invalid parameters: ${field}`);
    });
  });
});

describe('paging through candidates while webhooks keep arriving', () => {
  let service: RunningService;
  const url = (path: string) => `${service.queryUrl}${path}`;
  const pager = (n: number) => person(100 + n, `Pager ${n}`, `pager${n}@example.com`);
  const count = async () => (await getJson(url('/candidates?q=pager&limit=500'))).body.items.length;

  beforeAll(async () => {
    service = await startService();
  });

  afterAll(async () => {
    await service.close();
  });

  it('loses and repeats no candidate', async () => {
    const initial = Array.from({ length: 12 }, (_, i) => pager(i));
    await postAll(
      service,
      initial.map((p) => candidateStateChanged(p, 'idle', 'invited')),
    );
    await untilAnswer(url('/candidates?q=pager&limit=500'), (answer) =>
      expect(answer.body.items).toHaveLength(12),
    );
    let next = 12;
    const insertTwo = async () => {
      const before = await count();
      const added = [pager(next++), pager(next++)];
      await postAll(
        service,
        added.map((p) => candidateStateChanged(p, 'idle', 'invited')),
      );
      await untilAnswer(url('/candidates?q=pager&limit=500'), (answer) =>
        expect(answer.body.items).toHaveLength(before + 2),
      );
    };

    const { keys, pages } = await readAllPages(url('/candidates?q=pager&limit=5'), insertTwo);

    expect(pages).toBe(3);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(expect.arrayContaining(initial.map((p) => p.id)));
    expect(await count()).toBe(16);
  });
});

describe("a candidate's state as of a time", () => {
  let service: RunningService;
  const maria = person(40, 'Maria Okafor', 'maria.okafor@example.com');
  const url = (path: string) => `${service.queryUrl}${path}`;

  beforeAll(async () => {
    service = await startService();
    // Each webhook once the one before is projected, so that each is received later.
    for (const [from, to] of [
      ['idle', 'invited'],
      ['invited', 'started'],
      ['started', 'submitted'],
    ]) {
      await postAll(service, [candidateStateChanged(maria, from, to)]);
      await untilAnswer(url(`/candidates/${maria.id}`), (answer) =>
        expect(answer.body.state).toBe(to),
      );
    }
  });

  afterAll(async () => {
    await service.close();
  });

  it('answers the state of the last transition received by then', async () => {
    const timeline = await getJson(url(`/candidates/${maria.id}/timeline`));
    const [invited, started, submitted] = timeline.body.items;
    for (const entry of [invited, started, submitted]) {
      const answer = await getJson(url(`/candidates/${maria.id}?asOf=${entry.at}`));
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        id: maria.id,
        asOf: entry.at,
        state: entry.to,
        since: entry.at,
        eventId: entry.eventId,
      });
    }
    expect(started.to).toBe('started');
  });

  it('reads a time with an offset as the same instant, and answers it in UTC', async () => {
    const timeline = await getJson(url(`/candidates/${maria.id}/timeline`));
    const started = timeline.body.items[1];
    const inLagos = new Date(Date.parse(started.at) + 3_600_000)
      .toISOString()
      .replace('Z', '+01:00');
    const answer = await getJson(
      url(`/candidates/${maria.id}?asOf=${encodeURIComponent(inLagos)}`),
    );
    expect(answer.body).toMatchObject({ asOf: started.at, state: 'started' });
  });

  it('answers a null state before the first transition', async () => {
    const answer = await getJson(url(`/candidates/${maria.id}?asOf=2001-01-01`));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      id: maria.id,
      asOf: '2001-01-01T00:00:00.000Z',
      state: null,
      since: null,
      eventId: null,
    });
  });

  it.each(['yesterday', '2024-01-13T09:00:00', '2024-02-30', '2024-01-13T25:00:00Z'])(
    'answers 400 naming asOf for asOf=%s',
    async (asOf) => {
      const answer = await getJson(url(`/candidates/${maria.id}?asOf=${asOf}`));
      expect(answer.status).toBe(400);
      expect(answer.body.message).toBe('Invalid parameters: asOf');
    },
  );
});
