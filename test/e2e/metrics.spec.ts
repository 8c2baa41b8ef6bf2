import { loadFixture } from '../fixtures/webhooks/index.js';
import { post, startService, type RunningService } from '../support/service.js';

describe('GET /metrics', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService({ QUERY_API_KEYS: 'reader:reader-key-0123456789abcdef' });
  });

  afterAll(async () => {
    await service.close();
  });

  it('counts deliveries by type and outcome and times the appends, in Prometheus format', async () => {
    await post(service.webhookUrl, loadFixture('challenge_created'));
    await post(service.webhookUrl, loadFixture('challenge_created'));
    await post(service.webhookUrl, 'not json');
    await post(
      `${service.ingestUrl}/webhooks/qualified/wrong-token`,
      loadFixture('challenge_created'),
    );

    const response = await fetch(`${service.ingestUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
    const text = await response.text();
    expect(text).toContain(
      'ledger_webhook_deliveries_total{type="challenge_created",outcome="stored"} 2',
    );
    expect(text).toContain(
      'ledger_webhook_deliveries_total{type="delivery_rejected",outcome="stored"} 1',
    );
    expect(text).toContain(
      'ledger_webhook_deliveries_total{type="unknown",outcome="unauthorized"} 1',
    );
    expect(text).toContain('ledger_append_duration_seconds_count 3');
    expect(text).toMatch(/^ledger_process_resident_memory_bytes \d+/m);
  });

  it('is served by the query API too, without a key', async () => {
    const response = await fetch(`${service.queryUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('ledger_webhook_deliveries_total');
  });
});

describe('per-projection metrics', () => {
  let service: RunningService | undefined;

  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  /** Posts a webhook and waits until every projection includes it; returns its position. */
  async function ingestAndProject(running: RunningService): Promise<string> {
    const { position } = (await post(running.webhookUrl, loadFixture('challenge_created'))).body;
    const projected = await fetch(`${running.queryUrl}/projections?minPosition=${position}`);
    expect(projected.status).toBe(200);
    return position as string;
  }

  it('give position, lag, events/s, parked events and state, registered once for all roles', async () => {
    service = await startService();
    const first = await ingestAndProject(service);
    const text = await scrape(service.queryUrl);
    expect(text.match(/^# HELP ledger_projection_position /gm)).toHaveLength(1);
    for (const line of [
      `ledger_projection_position{projection="catalogue"} ${first}`,
      'ledger_projection_lag_events{projection="catalogue"} 0',
      'ledger_projection_lag_seconds{projection="catalogue"} 0',
      'ledger_projection_parked_events{projection="catalogue"} 0',
      'ledger_projection_state{projection="catalogue",state="live"} 1',
      'ledger_projection_state{projection="catalogue",state="stopped"} 0',
    ]) {
      expect(text.split('\n')).toContain(line);
    }

    for (let i = 0; i < 4; i++) await ingestAndProject(service);
    // The ingest API serves the same registry: one per process.
    const later = await scrape(service.ingestUrl);
    const rate = /^ledger_projection_events_per_second\{projection="catalogue"\} (\S+)$/m.exec(
      later,
    );
    expect(Number(rate?.[1])).toBeGreaterThan(0);
  });

  it('show the lag and a requested rebuild waiting, where no projector runs', async () => {
    const admin = 'admin-key-0123456789abcdef';
    service = await startService({ ROLES: 'ingest,query', QUERY_API_KEYS: `ops:${admin}:admin` });
    for (let i = 0; i < 3; i++) await post(service.webhookUrl, loadFixture('challenge_created'));
    const rebuild = await fetch(`${service.queryUrl}/projections/catalogue/rebuild`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(rebuild.status).toBe(202);

    const lines = (await scrape(service.queryUrl)).split('\n');
    for (const line of [
      'ledger_projection_lag_events{projection="catalogue"} 3',
      'ledger_projection_rebuild_applied_events{projection="catalogue"} 0',
      'ledger_projection_rebuild_target_events{projection="catalogue"} 3',
      'ledger_projection_state{projection="catalogue",state="stopped"} 1',
    ]) {
      expect(lines).toContain(line);
    }
    expect(lines.filter((line) => line.startsWith('ledger_projection_position{'))).toEqual([]);
    expect(
      lines.filter((line) => line.startsWith('ledger_projection_rebuild_applied')),
    ).toHaveLength(1);
  });
});

async function scrape(url: string): Promise<string> {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}
