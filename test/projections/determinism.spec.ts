import { Logger } from '@nestjs/common';
import { liveTables } from '../../src/projections/projection.js';
import { READ_MODEL_PROJECTIONS } from '../../src/projections/read-models.js';
import type { SqlExecutor } from '../../src/readstore/read-store.port.js';
import { generateHistory } from '../../src/simulation/history-generator.js';
import { eventually, ProjectionFixture, type Projector } from '../support/projection-fixture.js';
import { dumpTables } from '../support/table-dump.js';

/** Every table of every read model, canonically ordered. */
async function dumpReadModels(db: SqlExecutor) {
  const dumps = await Promise.all(READ_MODEL_PROJECTIONS.map((p) => dumpTables(db, liveTables(p))));
  return Object.assign({}, ...dumps) as Record<string, string[]>;
}

async function caughtUp(fixture: ProjectionFixture, projector: Projector) {
  const head = await fixture.store.headPosition();
  const { reached, behind } = await projector.status.waitForPosition(head!, { timeoutMs: 60_000 });
  expect({ reached, behind }).toEqual({ reached: true, behind: [] });
}

describe('the read models from a realistic history', () => {
  const history = generateHistory({ seed: 2026, candidates: 300, events: 10_000 });
  let fixture: ProjectionFixture;

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => (fixture = new ProjectionFixture()));
  afterEach(() => fixture.close());

  it('are identical projected live while events arrive, built from scratch, and rebuilt', async () => {
    expect(history.events.length).toBeGreaterThanOrEqual(10_000);
    const live = fixture.projector(READ_MODEL_PROJECTIONS, { batchSize: 200 });
    await live.runner.start();
    for (let i = 0; i < history.events.length; i += 250) {
      const chunk = history.events.slice(i, i + 250);
      await Promise.all(
        chunk.map(({ stream, id, type, data, metadata }) =>
          fixture.store.append(stream, [{ id, type, data, metadata }]),
        ),
      );
    }
    await caughtUp(fixture, live);
    const projectedLive = await dumpReadModels(fixture.readStore);
    expect(projectedLive.team_candidates.length).toBeGreaterThan(100);
    expect(projectedLive.candidate_timeline.length).toBeGreaterThan(1000);

    const cleanStore = fixture.openReadStore('clean.sqlite');
    const clean = fixture.projector(READ_MODEL_PROJECTIONS, { batchSize: 500 }, cleanStore);
    await clean.runner.start();
    await caughtUp(fixture, clean);
    expect(await dumpReadModels(cleanStore)).toEqual(projectedLive);

    await live.rebuilds.request();
    await eventually(async () => {
      const statuses = await live.status.statuses();
      expect(statuses.every((status) => status.state === 'live' && !status.rebuild)).toBe(true);
    }, 60_000);
    // The swapped-in tables keep the index names of the rebuild's shadow tables.
    const swapped = await fixture.readStore.query<{ name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'team_candidates' AND sql IS NOT NULL`,
    );
    expect(swapped.length).toBeGreaterThan(0);
    expect(swapped.every((index) => index.name.includes('__r'))).toBe(true);
    expect(await dumpReadModels(fixture.readStore)).toEqual(projectedLive);
  }, 120_000);
});
