import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { loadSettings } from '../../src/config/settings.js';
import { ProjectionsModule } from '../../src/projections/projections.module.js';
import { ProjectionRunner } from '../../src/projections/runner/projection-runner.js';
import { ProjectionStatusService } from '../../src/projections/runner/projection-status.service.js';
import { PROJECTIONS } from '../../src/projections/runner/projections.token.js';
import { RebuildService } from '../../src/projections/runner/rebuild.service.js';
import { ResourcesModule } from '../../src/roles/resources.module.js';
import {
  closeSharedResources,
  openSharedResources,
  type SharedResources,
} from '../../src/roles/shared-resources.js';
import { countingProjection, countsTable } from '../support/counting-projection.js';
import { eventually } from '../support/projection-fixture.js';

describe('ProjectionsModule', () => {
  let dir: string;
  let resources: SharedResources;
  const settings = () => loadSettings({ DATA_DIR: dir, LOG_LEVEL: 'error' });

  const app = async (runner: boolean): Promise<TestingModule> => {
    const module = await Test.createTestingModule({
      imports: [
        ResourcesModule.forRoot(settings(), resources),
        ProjectionsModule.forRoot({ runner }),
      ],
    })
      .overrideProvider(PROJECTIONS)
      .useValue([countingProjection()])
      .compile();
    module.useLogger(false);
    return module.init();
  };

  const append = (count: number) =>
    resources.eventStore.append(
      'stream-1',
      Array.from({ length: count }, () => ({
        id: randomUUID(),
        type: 'counted',
        data: {},
        metadata: { receivedAt: new Date().toISOString() },
      })),
    );

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-projections-module-'));
    resources = openSharedResources(settings());
  });

  afterEach(async () => {
    await closeSharedResources(resources);
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts the runner with the application and stops it before shutdown', async () => {
    await append(3);
    const projector = await app(true);
    const status = projector.get(ProjectionStatusService);

    const { position } = await append(2);
    expect(await status.waitForPosition(position, { timeoutMs: 10_000 })).toMatchObject({
      reached: true,
    });
    expect(await resources.readStore.query(`SELECT * FROM ${countsTable('counts')}`)).toEqual([
      { stream: 'stream-1', events: 5, points: 5 },
    ]);
    expect(await status.statuses()).toMatchObject([{ state: 'live' }]);

    await projector.close();
    expect(await status.statuses()).toMatchObject([{ state: 'stopped', checkpoint: '5' }]);
  });

  it('serves status and rebuild requests without a runner, which the projector picks up', async () => {
    await append(4);
    const query = await app(false);
    expect(() => query.get(ProjectionRunner)).toThrow();
    const status = query.get(ProjectionStatusService);
    expect(await status.statuses()).toMatchObject([{ state: 'stopped', checkpoint: null }]);

    const projector = await app(true);
    await status.waitForPosition('4', { timeoutMs: 10_000 });
    expect(await query.get(RebuildService).request()).toEqual(['counts']);
    await eventually(async () =>
      expect(await resources.readStore.query('SELECT * FROM projection_rebuilds')).toEqual([]),
    );
    expect(await status.statuses()).toMatchObject([{ state: 'live', checkpoint: '4' }]);
    const [index] = await resources.readStore.query<{ name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%_by_events'`,
    );
    expect(index.name).toMatch(/__r[0-9a-f]{8}_by_events$/);

    await projector.close();
    await query.close();
  });
});
