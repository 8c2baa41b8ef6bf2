import { Logger } from '@nestjs/common';
import { Position } from '../../src/eventstore/position.js';
import { UnknownProjectionError } from '../../src/projections/runner/errors.js';
import { ProjectionStatusService } from '../../src/projections/runner/projection-status.service.js';
import { createRunnerTables } from '../../src/projections/runner/runner.schema.js';
import { countingProjection, countsTable } from '../support/counting-projection.js';
import { eventually, ProjectionFixture, TEST_OPTIONS } from '../support/projection-fixture.js';

describe('projection status', () => {
  let fixture: ProjectionFixture;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    fixture = new ProjectionFixture();
  });

  afterEach(async () => {
    await fixture.close();
  });

  const broken = countingProjection({
    name: 'broken',
    hook: (event) => {
      if (event.position.toString() === '6') throw new Error('bug at 6');
    },
  });

  it('reports version, checkpoint, head, lag in events and seconds, state and parked count', async () => {
    await fixture.append(10);
    const projections = [countingProjection(), broken];
    const { runner, status } = fixture.projector(projections, { onError: 'stop', retries: 0 });
    await createRunnerTables(fixture.readStore); // as ProjectionsModule does where no runner runs
    expect(await status.statuses(['counts'])).toEqual([
      {
        name: 'counts',
        version: 1,
        liveVersion: null,
        state: 'stopped',
        error: null,
        checkpoint: null,
        head: '10',
        lag: { events: 10, seconds: null },
        parked: 0,
        rebuild: null,
      },
    ]);
    await runner.start();

    await eventually(async () =>
      expect(await status.statuses()).toMatchObject([
        { state: 'live', checkpoint: '10' },
        { state: 'stopped' },
      ]),
    );
    const common = { version: 1, liveVersion: 1, head: '10', parked: 0, rebuild: null };
    expect(await status.statuses()).toEqual([
      {
        ...common,
        name: 'counts',
        state: 'live',
        error: null,
        checkpoint: '10',
        lag: { events: 0, seconds: 0 },
      },
      {
        ...common,
        name: 'broken',
        state: 'stopped',
        error: expect.stringMatching(/^Error: bug at 6\n/),
        checkpoint: '5',
        // Events arrive a minute apart: the 5th at T0 + 4 min, the 10th at T0 + 9 min.
        lag: { events: 5, seconds: 300 },
      },
    ]);

    const positionsAreOffsets = new ProjectionStatusService(
      fixture.store,
      fixture.readStore,
      projections,
      { ...TEST_OPTIONS, positionsCountEvents: false },
    );
    expect(await positionsAreOffsets.statuses(['broken'])).toMatchObject([
      { lag: { events: null, seconds: 300 } },
    ]);
  });

  it('waits until projections have passed a position, or says which are behind at the timeout', async () => {
    const { runner, status } = fixture.projector([
      countingProjection(),
      countingProjection({ name: 'other', eventTypes: ['other'] }),
    ]);
    await runner.start();

    const last = await fixture.append(3, { prefix: 'written' });
    expect(await status.waitForPosition(last, { timeoutMs: 10_000 })).toEqual({
      reached: true,
      behind: [],
    });
    expect(await fixture.dump(countsTable('counts'))).toEqual([
      { stream: 'written-0', events: 3, points: 3 },
    ]);

    const ahead = new Position(last.commit + 5n);
    expect(await status.waitForPosition(ahead, { timeoutMs: 30 })).toEqual({
      reached: false,
      behind: ['counts', 'other'],
    });
    expect(
      await status.waitForPosition(last.toString(), { projections: ['other'], timeoutMs: 30 }),
    ).toEqual({ reached: true, behind: [] });
    expect(() => status.waitForPosition(last, { projections: ['nope'], timeoutMs: 30 })).toThrow(
      UnknownProjectionError,
    );
  });

  it('answers many waiters at once, each when its own position is projected or its time is up', async () => {
    const { runner, status } = fixture.projector([countingProjection()]);
    await runner.start();
    const first = await fixture.append(1);
    const waits = Array.from({ length: 200 }, (_, i) => {
      const position = new Position(first.commit + BigInt(i % 20));
      return status.waitForPosition(position, { timeoutMs: i < 100 ? 10_000 : 50 });
    });
    const soon = await Promise.all(waits.slice(100));
    expect(soon.filter(({ reached }) => !reached)).not.toHaveLength(0);

    await fixture.append(19);
    const patient = await Promise.all(waits.slice(0, 100));
    expect(patient).toEqual(Array(100).fill({ reached: true, behind: [] }));
  });

  it('says a projection is catching up while the projector works through the log at start', async () => {
    await fixture.append(10);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = countingProjection({ hook: () => held });
    const { runner, status } = fixture.projector([slow]);
    await runner.start();

    await eventually(async () =>
      expect(await status.statuses()).toMatchObject([{ state: 'catching-up', checkpoint: null }]),
    );
    release();
    await eventually(async () =>
      expect(await status.statuses()).toMatchObject([{ state: 'live', checkpoint: '10' }]),
    );
  });
});
