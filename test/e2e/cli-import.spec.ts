import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { loadFixture } from '../fixtures/webhooks/index.js';
import { runCli } from '../support/cli.js';

describe('ledger import', () => {
  let dir: string;
  let file: string;
  const env = () => ({ DATA_DIR: dir });
  const storedEvents = async () => {
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    const events = await store.readAll();
    await store.close();
    return events;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-import-'));
    file = join(dir, 'deliveries.ndjson');
    const candidate = loadFixture('team_candidate_state_changed');
    const lines = [
      JSON.stringify({ ...candidate, receivedAt: '2024-01-15T10:00:00.000Z' }),
      JSON.stringify({
        ...candidate,
        event: 'team_candidate.created',
        data: { ...candidate.data, state: 'started' },
      }),
      '',
      JSON.stringify({ event: 'candidate_teleported', data: { id: 'x' } }),
      'not json at all',
      JSON.stringify({ event: 'solution_created', data: { id: 5 } }),
      JSON.stringify({ ...candidate, receivedAt: 'yesterday' }),
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores each line through the webhook path and reports rejected lines by number', async () => {
    const run = await runCli(['import', file], env());
    expect(run.stdout).toContain(
      'Imported 7 lines: 2 stored, 1 unrecognised (kept), 0 already stored, 3 rejected',
    );
    expect(run.stdout).toMatch(/line 5: The body is not valid JSON/);
    expect(run.stdout).toMatch(/line 6: The data of "solution_created" is not valid/);
    expect(run.stdout).toMatch(/line 7: receivedAt must be an ISO-8601 time \(got "yesterday"\)/);
    expect(run.code).toBe(3);

    const events = await storedEvents();
    expect(events.map((event) => event.type)).toEqual([
      'team_candidate_state_changed',
      'team_candidate_state_changed',
      'delivery_unrecognised',
      'delivery_rejected',
      'delivery_rejected',
    ]);
    expect(events[0].metadata).toMatchObject({
      receivedAt: '2024-01-15T10:00:00.000Z',
      eventName: 'team_candidate_state_changed',
      tokenName: 'import',
    });
    expect(events[1].metadata.eventName).toBe('team_candidate.created');
  });

  it('stores nothing twice when the same file is imported again', async () => {
    await runCli(['import', file], env());
    const before = await storedEvents();
    const again = await runCli(['import', file], env());
    expect(again.stdout).toContain(
      'Imported 7 lines: 0 stored, 0 unrecognised (kept), 5 already stored, 1 rejected',
    );
    expect(await storedEvents()).toHaveLength(before.length);
  });

  it('reads standard input and exits 0 when every line is stored', async () => {
    const line = JSON.stringify(loadFixture('challenge_created'));
    const run = await runCli(['import', '-'], env(), `${line}\n`);
    expect(run.stdout).toContain('Imported 1 lines: 1 stored');
    expect(run.code).toBe(0);
  });

  it('keeps going past lines nested too deep, with too long a list, or over the body limit', async () => {
    const candidate = loadFixture('team_candidate_state_changed');
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const longList = JSON.stringify({
      ...candidate,
      data: { ...candidate.data, labels: [] },
    }).replace('"labels":[]', `"labels":[${Array(1001).fill('"x"').join(',')}]`);
    const huge = JSON.stringify({
      ...candidate,
      data: { ...candidate.data, note: 'x'.repeat(70_000) },
    });
    const lines = [deep, longList, huge, JSON.stringify(candidate)];
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);

    const run = await runCli(['import', file], { ...env(), WEBHOOK_BODY_LIMIT: '65536' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(
      'Imported 4 lines: 1 stored, 0 unrecognised (kept), 0 already stored, 3 rejected',
    );
    expect(run.stdout).toContain(`line 1: The body holds what the ledger cannot store`);
    expect(run.stdout).toContain('line 2: The body holds what the ledger cannot store');
    expect(run.stdout).toMatch(
      /line 3: The line is 70\d{3} bytes, more than WEBHOOK_BODY_LIMIT \(65536\): not stored/,
    );
    expect(run.code).toBe(3);

    const events = await storedEvents();
    expect(events.map((event) => event.type)).toEqual([
      'delivery_rejected',
      'delivery_rejected',
      'team_candidate_state_changed',
    ]);
    expect(events.slice(0, 2).map((event) => event.data)).toEqual([
      expect.objectContaining({
        status: 422,
        body: deep,
        errors: [{ field: `body${'[0]'.repeat(64)}`, message: 'is nested deeper than 64 levels' }],
      }),
      expect.objectContaining({
        status: 422,
        body: longList,
        errors: [
          {
            field: 'body.data.labels',
            message: 'has more than 1000 items, the most a list may hold',
          },
        ],
      }),
    ]);
  });

  it('exits 2 with usage when the file argument is missing', async () => {
    const run = await runCli(['import'], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/missing required argument 'file'/);
  });
});
