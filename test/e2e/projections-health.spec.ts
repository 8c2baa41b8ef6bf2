import Database from 'better-sqlite3';
import { join } from 'node:path';
import { loadFixture } from '../fixtures/webhooks/index.js';
import { eventually } from '../support/eventually.js';
import { getJson, post, startService, type RunningService } from '../support/service.js';

const NAMES = [
  'team-candidates',
  'candidate-timeline',
  'assessment-results',
  'review-progress',
  'catalogue',
  'funnel',
];

describe('readiness and the projections', () => {
  let service: RunningService | undefined;

  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  it('checks the projections on the query API, where they are served, but not on ingest', async () => {
    service = await startService();
    const query = await getJson(`${service.queryUrl}/health/ready`);
    expect(query.status).toBe(200);
    expect(query.body).toMatchObject({ status: 'ok', info: { projections: { status: 'up' } } });
    expect(Object.keys(query.body.info.projections.states)).toEqual(NAMES);
    const ingest = await getJson(`${service.ingestUrl}/health/ready`);
    expect(ingest.status).toBe(200);
    expect(ingest.body.info.projections).toBeUndefined();
  });

  it('stays ready, degraded, when no projector runs on the read store', async () => {
    service = await startService({ ROLES: 'query' });
    const answer = await getJson(`${service.queryUrl}/health/ready`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: 'degraded',
      info: {
        projections: {
          status: 'degraded',
          message: 'No projector is running on this read store: the read models do not advance',
          states: Object.fromEntries(NAMES.map((name) => [name, 'stopped'])),
        },
      },
    });
  });

  it('fails, naming the projection and why, when a projection stops on an error', async () => {
    service = await startService({ PROJECTION_ON_ERROR: 'stop', PROJECTION_RETRIES: '0' });
    refuseWrites(service.dataDir, 'catalogue_challenges', 'disk says no');
    expect((await post(service.webhookUrl, loadFixture('challenge_created'))).status).toBe(202);

    const answer = await eventually(async () => {
      const ready = await getJson(`${service!.queryUrl}/health/ready`);
      expect(ready.status).toBe(503);
      return ready;
    });
    expect(answer.body).toMatchObject({
      status: 'error',
      info: { eventStore: { status: 'up' } },
      error: {
        projections: {
          status: 'down',
          message: 'Stopped on an error: catalogue',
          stopped: { catalogue: 'SqliteError: disk says no' },
          states: { catalogue: 'stopped', 'team-candidates': 'live' },
        },
      },
    });
    expect((await getJson(`${service.ingestUrl}/health/ready`)).status).toBe(200);
  });
});

/** Makes every insert into one read-model table fail, as a broken read store would. */
function refuseWrites(dataDir: string, table: string, reason: string): void {
  const db = new Database(join(dataDir, 'read-models.sqlite'));
  try {
    db.exec(
      `CREATE TRIGGER refuse BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, '${reason}'); END`,
    );
  } finally {
    db.close();
  }
}
