import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import type { RecordedEvent } from '../../src/eventstore/event-store.port.js';
import type { SqlExecutor } from '../../src/readstore/read-store.port.js';
import { countingProjection, countsTable } from '../support/counting-projection.js';
import { eventually, ProjectionFixture, total } from '../support/projection-fixture.js';
import { startRunnerChild, type RunnerChild } from '../support/runner-child-process.js';

const TABLE = countsTable('counts');

/** A counting projection that notes each event it applies, and the checkpoint it started from. */
function recording() {
  const applied: bigint[] = [];
  const startedAfter: (string | null)[] = [];
  const projection = countingProjection({
    hook: async (event: RecordedEvent, tx: SqlExecutor) => {
      if (applied.length === 0) {
        const [row] = await tx.query<{ log_position: string | null }>(
          "SELECT log_position FROM projection_checkpoints WHERE projection = 'counts'",
        );
        startedAfter.push(row?.log_position ?? null);
      }
      applied.push(event.position.commit);
    },
  });
  return { projection, applied, startedAfter };
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, n) => BigInt(from + n));

describe('the projector lease: one active projector per read store', () => {
  let fixture: ProjectionFixture;
  const children: RunnerChild[] = [];

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => (fixture = new ProjectionFixture()));
  afterEach(async () => {
    for (const child of children.splice(0)) await child.kill();
    await fixture.close();
  });

  const checkpoint = async () =>
    (
      await fixture.readStore.query<{ log_position: string }>(
        "SELECT log_position FROM projection_checkpoints WHERE projection = 'counts'",
      )
    )[0]?.log_position;

  it('lets one runner apply events while the other stands by, which takes over when the first stops', async () => {
    await fixture.append(50);
    const first = recording();
    const second = recording();
    const a = fixture.projector([first.projection]);
    // Another connection to the same file, as another process would open.
    const b = fixture.projector(
      [second.projection],
      {},
      fixture.openReadStore('read-models.sqlite'),
    );
    await a.runner.start();
    await b.runner.start();
    expect([a.runner.state, b.runner.state]).toEqual(['active', 'standby']);
    expect(await b.status.projector()).toMatchObject({ holder: a.runner.holder });

    await fixture.append(30);
    await eventually(async () => expect(await checkpoint()).toBe('80'));
    expect(first.applied).toEqual(range(1, 80));
    expect(second.applied).toEqual([]);

    await a.runner.stop();
    await eventually(() => expect(b.runner.state).toBe('active'));
    await fixture.append(20);
    await eventually(async () => expect(await checkpoint()).toBe('100'));
    expect(second.startedAfter).toEqual(['80']);
    expect(second.applied).toEqual(range(81, 100));
    expect(first.applied).toHaveLength(80);
    expect(await fixture.dump(TABLE)).toEqual(await fixture.cleanBuild());
    expect(await a.status.projector()).toMatchObject({ holder: b.runner.holder });
  });

  it('passes to a standby when its holder stops renewing, and a holder that wakes up writes nothing', async () => {
    await fixture.append(100);
    const readFile = join(fixture.dir, 'read-models.sqlite');
    const paused = startRunnerChild(join(fixture.dir, 'events.sqlite'), readFile, '1');
    children.push(paused);
    await eventually(async () => expect(await checkpoint()).toBe('100'));

    paused.process.kill('SIGSTOP');
    const standby = recording();
    const b = fixture.projector([standby.projection]);
    await b.runner.start();
    await eventually(() => expect(b.runner.state).toBe('active'));
    await fixture.append(50);
    await eventually(async () => expect(await checkpoint()).toBe('150'));

    // Woken up, it sees the new events; its commits are refused and it stands by.
    paused.process.kill('SIGCONT');
    await paused.line(/lost the projector lease/);
    await fixture.append(10);
    await eventually(async () => expect(await checkpoint()).toBe('160'));

    expect(standby.startedAfter).toEqual(['100']);
    expect(standby.applied).toEqual(range(101, 160));
    const rows = await fixture.dump(TABLE);
    expect(total(rows)).toBe(160);
    expect(rows).toEqual(await fixture.cleanBuild());
    expect(await b.status.statuses()).toMatchObject([{ state: 'live', checkpoint: '160' }]);
  }, 30_000);
});
