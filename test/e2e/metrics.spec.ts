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
