import { Logger } from '@nestjs/common';
import type { Position } from '../../src/eventstore/position.js';
import type { SqliteReadStore } from '../../src/readstore/sqlite-read-store.js';
import {
  countingProjection,
  countsTable,
  isLive,
  type ApplyHook,
} from '../support/counting-projection.js';
import { eventually, ProjectionFixture } from '../support/projection-fixture.js';

const TABLE = countsTable('counts');

describe('rebuilding a projection', () => {
  let fixture: ProjectionFixture;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    fixture = new ProjectionFixture();
  });

  const loops: { stop(): Promise<unknown> }[] = [];

  afterEach(async () => {
    for (const loop of loops.splice(0)) await loop.stop();
    await fixture.close();
  });

  /** Holds a rebuild at `position` until opened: the shadow apply throws and is retried. */
  const gate = (position: string) => {
    const state = { open: false };
    const hook: ApplyHook = (event, _tx, table) => {
      if (!state.open && !isLive(table) && event.position.toString() === position) {
        throw new Error('gate closed');
      }
    };
    return { hook, open: () => (state.open = true) };
  };
  const holding = { retries: 100_000, retryDelayMs: 1 };

  const indexes = async () =>
    (
      await fixture.readStore.query<{ name: string }>(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%_by_events' ORDER BY name`,
      )
    ).map((row) => row.name);

  const buildLive = async (version: number, events: number) => {
    const { runner, status } = fixture.projector([countingProjection({ version })]);
    await runner.start();
    await status.waitForPosition(`${events}`, { timeoutMs: 10_000 });
    await runner.stop();
  };

  it('builds beside the live tables while events arrive, swaps when caught up, and equals a clean build', async () => {
    await fixture.append(300);
    const held = gate('150');
    const { runner, status, rebuilds } = fixture.projector(
      [countingProjection({ hook: held.hook })],
      holding,
    );
    await runner.start();
    await status.waitForPosition('300', { timeoutMs: 10_000 });
    const reader = watchLiveModel(fixture.readStore);
    loops.push(reader);

    expect(await rebuilds.request('counts')).toEqual(['counts']);
    await eventually(async () =>
      expect(await status.statuses()).toMatchObject([{ rebuild: { position: '149' } }]),
    );
    for (let round = 0; round < 5; round += 1) {
      const appended = await fixture.append(3, { prefix: 'during' });
      expect(await status.waitForPosition(appended, { timeoutMs: 10_000 })).toMatchObject({
        reached: true,
      });
    }
    const [during] = await status.statuses();
    expect(during).toMatchObject({
      state: 'rebuilding',
      checkpoint: '315',
      rebuild: { version: 1, position: '149', eventsDone: 149, eventsTotal: 315 },
    });
    expect(during.rebuild?.rate).toBeGreaterThan(0);
    const [{ suffix }] = await fixture.readStore.query<{ suffix: string }>(
      'SELECT suffix FROM projection_rebuilds',
    );

    const appender = keepAppending(fixture);
    loops.push(appender);
    held.open();
    await eventually(async () =>
      expect(await status.statuses()).toMatchObject([{ state: 'live', rebuild: null }]),
    );
    const head = await appender.stop();
    await status.waitForPosition(head, { timeoutMs: 10_000 });
    const seen = await reader.stop();

    expect(seen.problems).toEqual([]);
    expect(seen.reads).toBeGreaterThan(0);
    expect(seen.positions.size).toBeGreaterThan(1);
    expect(await fixture.dump(TABLE)).toEqual(await fixture.cleanBuild());
    expect(await indexes()).toEqual([`${TABLE}__${suffix}_by_events`]);
  });

  it('rebuilds at start a projection whose version changed, serving the old tables until the swap', async () => {
    await fixture.append(100);
    await buildLive(1, 100);
    const oldTable = await fixture.dump(TABLE);
    const held = gate('50');
    const { runner, status } = fixture.projector(
      [countingProjection({ version: 2, hook: held.hook })],
      holding,
    );
    await runner.start();

    await eventually(async () =>
      expect(await status.statuses()).toMatchObject([
        { state: 'rebuilding', version: 2, liveVersion: 1, rebuild: { position: '49' } },
      ]),
    );
    await fixture.append(10);
    expect(await status.waitForPosition('110', { timeoutMs: 50 })).toEqual({
      reached: false,
      behind: ['counts'],
    });
    expect(await fixture.dump(TABLE)).toEqual(oldTable);

    held.open();
    await eventually(async () =>
      expect(await status.statuses()).toMatchObject([
        { state: 'live', version: 2, liveVersion: 2, checkpoint: '110', rebuild: null },
      ]),
    );
    expect(await fixture.dump(TABLE)).toEqual(await fixture.cleanBuild({ version: 2 }));
  });

  it('rebuilds live tables that have no checkpoint, and simply creates a new projection', async () => {
    await fixture.append(30);
    await fixture.readStore.execute(
      `CREATE TABLE ${TABLE} (stream TEXT PRIMARY KEY, events INTEGER, points INTEGER)`,
    );
    await fixture.readStore.execute(`INSERT INTO ${TABLE} VALUES ('from-before', 1, 1)`);
    const { runner, status } = fixture.projector([
      countingProjection(),
      countingProjection({ name: 'fresh' }),
    ]);
    await runner.start();

    await eventually(async () =>
      expect(await status.statuses()).toMatchObject([
        { name: 'counts', state: 'live', checkpoint: '30' },
        { name: 'fresh', state: 'live', checkpoint: '30' },
      ]),
    );
    expect(await fixture.dump(TABLE)).toEqual(await fixture.cleanBuild());
    const [rebuilt, fresh] = await indexes();
    expect(rebuilt).toMatch(new RegExp(`^${TABLE}__r[0-9a-f]{8}_by_events$`));
    expect(fresh).toBe('fresh_by_stream_by_events');
  });

  it('resumes an interrupted rebuild from its own checkpoint instead of starting over', async () => {
    await fixture.append(200);
    await buildLive(1, 200);
    let stopping: Promise<void> | undefined;
    const interrupt: ApplyHook = (event, _tx, table) => {
      if (!isLive(table) && event.position.toString() === '100') stopping ??= first.runner.stop();
    };
    const options = { batchSize: 20, flushIntervalMs: 60_000 };
    const first = fixture.projector([countingProjection({ version: 2, hook: interrupt })], options);
    await first.runner.start();
    await eventually(() => expect(stopping).toBeDefined());
    await stopping;
    const interrupted = await first.status.statuses();
    expect(interrupted).toMatchObject([
      { state: 'stopped', liveVersion: 1, rebuild: { position: '100', eventsDone: 100 } },
    ]);

    const applied: bigint[] = [];
    const record: ApplyHook = (event, _tx, table) => {
      if (!isLive(table)) applied.push(event.position.commit);
    };
    const second = fixture.projector([countingProjection({ version: 2, hook: record })], options);
    await second.runner.start();
    await eventually(async () =>
      expect(await second.status.statuses()).toMatchObject([
        { state: 'live', liveVersion: 2, checkpoint: '200' },
      ]),
    );
    expect(applied[0]).toBe(101n);
    expect(applied).toHaveLength(100);
    expect(await fixture.dump(TABLE)).toEqual(await fixture.cleanBuild({ version: 2 }));
  });
});

/**
 * Reads the live model over and over, each time the checkpoint and the table in one
 * statement, and notes every read where the table is missing, empty, or not exactly the
 * events up to the checkpoint.
 */
function watchLiveModel(readStore: SqliteReadStore) {
  const seen = { reads: 0, problems: [] as string[], positions: new Set<string>() };
  let watching = true;
  const loop = (async () => {
    while (watching) {
      try {
        const [row] = await readStore.query<{ position: string; events: number }>(
          `SELECT (SELECT log_position FROM projection_checkpoints WHERE projection = 'counts')
                    AS position,
                  (SELECT SUM(events) FROM ${TABLE}) AS events`,
        );
        if (row.events !== Number(row.position)) seen.problems.push(JSON.stringify(row));
        seen.positions.add(row.position);
      } catch (error) {
        seen.problems.push(String(error));
      }
      seen.reads += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  return {
    async stop() {
      watching = false;
      await loop;
      return seen;
    },
  };
}

/** Appends an event at a time until stopped; resolves to the last position. */
function keepAppending(fixture: ProjectionFixture) {
  let appending = true;
  let last: Position | undefined;
  const loop = (async () => {
    while (appending) last = await fixture.append(1, { prefix: 'swap' });
  })();
  return {
    async stop(): Promise<Position> {
      appending = false;
      await loop;
      return last!;
    },
  };
}
