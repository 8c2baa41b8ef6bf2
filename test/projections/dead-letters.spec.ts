import { Logger } from '@nestjs/common';
import { DeadLetterNotFoundError } from '../../src/projections/runner/errors.js';
import {
  countingProjection,
  countsTable,
  isLive,
  type ApplyHook,
} from '../support/counting-projection.js';
import { ProjectionFixture, eventually, total } from '../support/projection-fixture.js';

const TABLE = countsTable('counts');

describe('a handler that throws', () => {
  let fixture: ProjectionFixture;
  const bugs = new Set<string>();
  const calls = new Map<string, number>();
  /** Writes, then throws, at the positions in `bugs`, on the live tables. */
  const buggy: ApplyHook = async (event, tx, table) => {
    const at = event.position.toString();
    if (!bugs.has(at) || !isLive(table)) return;
    calls.set(at, (calls.get(at) ?? 0) + 1);
    await tx.execute(`INSERT INTO ${table} VALUES ('partial', 1, 1)`);
    throw new Error(`bug at ${at}`);
  };

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    fixture = new ProjectionFixture();
    bugs.clear();
    calls.clear();
  });

  afterEach(async () => {
    await fixture.close();
  });

  it('is retried, then its event is parked and the rest applied; retrying after the fix applies it', async () => {
    const head = await fixture.append(20);
    bugs.add('7').add('12');
    const { runner, status, deadLetters } = fixture.projector(
      [countingProjection({ hook: buggy })],
      { retries: 2 },
    );
    await runner.start();
    await status.waitForPosition(head, { timeoutMs: 10_000 });

    const parked = await deadLetters.list();
    expect(parked).toMatchObject([
      { projection: 'counts', rebuild: null, position: '7', eventType: 'counted', attempts: 3 },
      { projection: 'counts', rebuild: null, position: '12', eventType: 'counted', attempts: 3 },
    ]);
    expect(parked[0].error).toMatch(/^Error: bug at 7\n/);
    expect(calls).toEqual(
      new Map([
        ['7', 3],
        ['12', 3],
      ]),
    );
    const event7 = (await fixture.store.readAll()).find((e) => e.position.toString() === '7')!;
    expect(parked[0]).toMatchObject({ eventId: event7.id, stream: event7.stream });
    expect(await status.statuses()).toMatchObject([{ state: 'live', checkpoint: '20', parked: 2 }]);
    const rows = await fixture.dump(TABLE);
    expect(rows.find((row) => row.stream === 'partial')).toBeUndefined();
    expect(total(rows)).toBe(18);

    expect(await deadLetters.retry(parked[0].id)).toMatchObject({ status: 'failed', attempts: 4 });
    expect(await deadLetters.get(parked[0].id)).toMatchObject({ attempts: 4 });

    bugs.clear();
    expect(await deadLetters.retry(parked[0].id)).toEqual({ id: parked[0].id, status: 'applied' });
    expect(await deadLetters.list('counts')).toHaveLength(1);
    expect(await deadLetters.retryAll()).toEqual([{ id: parked[1].id, status: 'applied' }]);
    expect(await deadLetters.list()).toEqual([]);
    expect(await fixture.dump(TABLE)).toEqual(await fixture.cleanBuild());
    await expect(deadLetters.retry(parked[0].id)).rejects.toThrow(DeadLetterNotFoundError);
  });

  it('parked by a rebuild, belongs to its tables and replaces the old dead letters at the swap', async () => {
    const head = await fixture.append(20);
    bugs.add('5');
    const shadowBug: ApplyHook = (event, tx, table) => {
      if (!isLive(table) && bugs.has(`rebuild:${event.position}`)) throw new Error('rebuild bug');
      return buggy(event, tx, table);
    };
    const { runner, status, deadLetters, rebuilds } = fixture.projector([
      countingProjection({ hook: shadowBug }),
    ]);
    await runner.start();
    await status.waitForPosition(head, { timeoutMs: 10_000 });
    expect(await deadLetters.list()).toMatchObject([{ position: '5', rebuild: null }]);

    bugs.add('rebuild:9');
    await rebuilds.request('counts');
    await eventually(async () =>
      expect(await status.statuses()).toMatchObject([{ state: 'live', rebuild: null }]),
    );
    const [parked] = await deadLetters.list();
    expect(await deadLetters.list()).toEqual([
      expect.objectContaining({ position: '9', rebuild: null, error: expect.any(String) }),
    ]);
    expect(parked.error).toMatch(/^Error: rebuild bug\n/);
    expect(await status.statuses()).toMatchObject([{ parked: 1 }]);

    bugs.clear();
    expect(await deadLetters.retry(parked.id)).toMatchObject({ status: 'applied' });
    expect(await fixture.dump(TABLE)).toEqual(await fixture.cleanBuild());
  });

  it('stops the projection instead, when so configured, before the failing event', async () => {
    await fixture.append(20);
    bugs.add('8');
    const { runner, status, deadLetters } = fixture.projector(
      [countingProjection({ hook: buggy })],
      { onError: 'stop', retries: 1 },
    );
    await runner.start();

    await eventually(async () =>
      expect(await status.statuses()).toMatchObject([{ state: 'stopped', checkpoint: '7' }]),
    );
    const [stopped] = await status.statuses();
    expect(stopped.error).toMatch(/^Error: bug at 8\n/);
    expect(calls.get('8')).toBe(2);
    expect(stopped.parked).toBe(0);
    expect(await deadLetters.list()).toEqual([]);
    expect(await fixture.dump(TABLE)).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ stream: 'partial' })]),
    );
    expect(total(await fixture.dump(TABLE))).toBe(7);
  });
});
