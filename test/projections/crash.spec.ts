import { join } from 'node:path';
import { SqliteReadStore } from '../../src/readstore/sqlite-read-store.js';
import { countsTable } from '../support/counting-projection.js';
import { eventually, ProjectionFixture } from '../support/projection-fixture.js';
import { startRunnerChild, type RunnerChild } from '../support/runner-child-process.js';

const TABLE = countsTable('counts');

describe('a projector killed with SIGKILL', () => {
  let fixture: ProjectionFixture;
  let readFile: string;
  const children: RunnerChild[] = [];

  beforeEach(() => {
    fixture = new ProjectionFixture();
    readFile = join(fixture.dir, 'crashed.sqlite');
  });

  afterEach(async () => {
    for (const child of children.splice(0)) await child.kill();
    await fixture.close();
  });

  const start = (version: string, halt?: string) => {
    const child = startRunnerChild(join(fixture.dir, 'events.sqlite'), readFile, version, halt);
    children.push(child);
    return child;
  };

  /** Starts the child with a halt point and SIGKILLs it once it holds that batch open. */
  const killWhenHalted = async (version: string, halt: string) => {
    const child = start(version, halt);
    await child.line(`halted ${halt}`);
    await child.kill();
  };

  /** What the crashed projector left, read by this process. */
  const inspect = async <T>(sql: string): Promise<T[]> => {
    const readStore = new SqliteReadStore(readFile);
    try {
      return await readStore.query<T>(sql);
    } finally {
      await readStore.close();
    }
  };
  const live = () =>
    inspect<{ version: number; position: string; events: number; points: number }>(
      `SELECT version, log_position AS position,
              (SELECT SUM(events) FROM ${TABLE}) AS events,
              (SELECT SUM(points) FROM ${TABLE}) AS points
         FROM projection_checkpoints`,
    );

  it('mid-batch and mid-rebuild, then restarted, ends with the tables of a clean run', async () => {
    await fixture.append(600);

    // Batches of 50: killed holding 251..300 open at 275, it keeps exactly 1..250.
    await killWhenHalted('1', 'live:275');
    expect(await live()).toEqual([{ version: 1, position: '250', events: 250, points: 250 }]);

    start('1');
    await eventually(async () => expect(await live()).toMatchObject([{ position: '600' }]));
    await children.pop()!.kill();
    expect(await inspect(`SELECT * FROM ${TABLE} ORDER BY stream`)).toEqual(
      await fixture.cleanBuild(),
    );

    // Version 2 rebuilds: killed holding 401..450 of the rebuild open, the live tables intact.
    await killWhenHalted('2', 'rebuild:425');
    expect(await live()).toEqual([{ version: 1, position: '600', events: 600, points: 600 }]);
    const [rebuild] = await inspect<{ suffix: string; log_position: string; events_done: number }>(
      'SELECT suffix, log_position, events_done FROM projection_rebuilds',
    );
    expect(rebuild).toMatchObject({ log_position: '400', events_done: 400 });

    start('2');
    await fixture.append(50);
    await eventually(async () =>
      expect(await live()).toEqual([{ version: 2, position: '650', events: 650, points: 1300 }]),
    );
    // The rebuild resumed into the shadow table it had started, which is now the live one.
    const indexes = `SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%_by_events'`;
    expect(await inspect(indexes)).toEqual([{ name: `${TABLE}__${rebuild.suffix}_by_events` }]);
    expect(await inspect(`SELECT * FROM ${TABLE} ORDER BY stream`)).toEqual(
      await fixture.cleanBuild({ version: 2 }),
    );
  }, 60_000);
});
