import { Logger } from '@nestjs/common';
import { countingProjection, countsTable, type ApplyHook } from '../support/counting-projection.js';
import { eventually, ProjectionFixture, total } from '../support/projection-fixture.js';

const TABLE = countsTable('counts');

describe('the projection runner', () => {
  let fixture: ProjectionFixture;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    fixture = new ProjectionFixture();
  });

  afterEach(async () => {
    await fixture.close();
  });

  /** What readers see: the committed checkpoint and table, in one statement (one snapshot). */
  const committed = () =>
    fixture.readStore.query<{ position: string | null; events: number; partial: number }>(
      `SELECT (SELECT log_position FROM projection_checkpoints WHERE projection = 'counts') AS position,
              (SELECT COALESCE(SUM(events), 0) FROM ${TABLE}) AS events,
              (SELECT COUNT(*) FROM ${TABLE} WHERE stream = 'partial') AS partial`,
    );

  it('catches up with the history, reports live, then applies events as they arrive', async () => {
    await fixture.append(100);
    const { runner, status } = fixture.projector([countingProjection()]);
    await runner.start();

    await eventually(async () =>
      expect(await status.statuses()).toMatchObject([{ state: 'live', checkpoint: '100' }]),
    );
    expect(await fixture.dump(TABLE)).toEqual(
      [0, 1, 2, 3, 4].map((n) => ({ stream: `stream-${n}`, events: 20, points: 20 })),
    );

    const last = await fixture.append(7, { prefix: 'later', streams: 1 });
    expect(await status.waitForPosition(last, { timeoutMs: 10_000 })).toEqual({
      reached: true,
      behind: [],
    });
    expect(await fixture.dump(TABLE)).toContainEqual({ stream: 'later-0', events: 7, points: 7 });
  });

  it('commits the checkpoint with every batch and resumes after a restart, applying nothing twice', async () => {
    await fixture.append(35);
    const seenAtBatchStart: (string | null)[] = [];
    const firstRun = countingProjection({
      hook: async (event) => {
        if (event.position.commit % 10n === 1n) {
          seenAtBatchStart.push((await committed())[0].position);
        }
      },
    });
    const first = fixture.projector([firstRun], { batchSize: 10, flushIntervalMs: 60_000 });
    await first.runner.start();
    await eventually(async () => expect((await committed())[0].position).toBe('35'));
    await first.runner.stop();
    expect(seenAtBatchStart).toEqual([null, '10', '20', '30']);

    await fixture.append(5);
    const applied: bigint[] = [];
    const secondRun = countingProjection({
      hook: (event) => void applied.push(event.position.commit),
    });
    const second = fixture.projector([secondRun], { batchSize: 10 });
    await second.runner.start();
    await eventually(async () => expect((await committed())[0].position).toBe('40'));
    expect(applied).toEqual([36n, 37n, 38n, 39n, 40n]);
    expect(total(await fixture.dump(TABLE))).toBe(40);
  });

  it('commits a batch whole: readers see none of it midway, and a failed attempt leaves nothing', async () => {
    await fixture.append(20);
    const seen: Record<string, unknown> = {};
    let failures = 0;
    const hook: ApplyHook = async (event, tx, table) => {
      const at = event.position.toString();
      if (at === '15' && failures === 0) {
        failures += 1;
        await tx.execute(`INSERT INTO ${table} VALUES ('partial', 1, 1)`);
        throw new Error('fails once');
      }
      if (at === '15' || at === '17') seen[at] = (await committed())[0];
    };
    const { runner } = fixture.projector([countingProjection({ hook })], {
      batchSize: 10,
      flushIntervalMs: 60_000,
      retries: 1,
    });
    await runner.start();
    await eventually(async () => expect((await committed())[0].position).toBe('20'));

    // Retried alone after the batch 11..20 failed at 15: 11..14 committed once, without 15's write.
    expect(seen['15']).toEqual({ position: '14', events: 14, partial: 0 });
    // Midway through the rest of that batch, 16..20: nothing of it is visible yet.
    expect(seen['17']).toEqual({ position: '15', events: 15, partial: 0 });
    expect(await committed()).toEqual([{ position: '20', events: 20, partial: 0 }]);
    expect(await fixture.dump(TABLE)).toEqual(await fixture.cleanBuild());
  });

  it('only advances the checkpoint over events of types the projection does not handle', async () => {
    await fixture.append(10);
    await fixture.append(10, { type: 'ignored' });
    await fixture.append(3);
    const types = new Set<string>();
    const projection = countingProjection({ hook: (event) => void types.add(event.type) });
    const { runner } = fixture.projector([projection]);
    await runner.start();

    await eventually(async () => expect((await committed())[0].position).toBe('23'));
    expect([...types]).toEqual(['counted']);
    expect(total(await fixture.dump(TABLE))).toBe(13);
  });

  it('keeps projections at different checkpoints in one pass, each applying every event once', async () => {
    await fixture.append(30);
    const ahead = countingProjection({ name: 'ahead' });
    const first = fixture.projector([ahead]);
    await first.runner.start();
    await eventually(async () =>
      expect(await first.status.statuses()).toMatchObject([{ checkpoint: '30' }]),
    );
    await first.runner.stop();
    await fixture.append(20, { prefix: 'later' });

    const behind = countingProjection({ name: 'behind' });
    const second = fixture.projector([ahead, behind], { batchSize: 7 });
    await second.runner.start();

    await eventually(async () =>
      expect(await second.status.statuses()).toMatchObject([
        { name: 'ahead', state: 'live', checkpoint: '50' },
        { name: 'behind', state: 'live', checkpoint: '50' },
      ]),
    );
    expect(total(await fixture.dump(countsTable('ahead')))).toBe(50);
    expect(total(await fixture.dump(countsTable('behind')))).toBe(50);
  });

  it('goes on applying the other projections when one stops on an error', async () => {
    await fixture.append(20);
    const failing = countingProjection({
      name: 'failing',
      hook: (event) => {
        if (event.position.commit === 8n) throw new Error('bug at 8');
      },
    });
    const healthy = countingProjection({ name: 'healthy' });
    const { runner, status } = fixture.projector([failing, healthy], {
      batchSize: 5,
      onError: 'stop',
      retries: 0,
    });
    await runner.start();

    await eventually(async () =>
      expect(await status.statuses()).toMatchObject([
        { name: 'failing', state: 'stopped', checkpoint: '7' },
        { name: 'healthy', state: 'live', checkpoint: '20' },
      ]),
    );
    const last = await fixture.append(5, { prefix: 'later' });
    expect(
      await status.waitForPosition(last, { projections: ['healthy'], timeoutMs: 10_000 }),
    ).toEqual({ reached: true, behind: [] });
    expect(total(await fixture.dump(countsTable('healthy')))).toBe(25);
    expect(total(await fixture.dump(countsTable('failing')))).toBe(7);
  });
});
