import { loadFixture } from '../fixtures/webhooks/index.js';
import { startService, type RunningService } from '../support/service.js';

describe('the headers of every answer', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService();
  });

  afterAll(async () => {
    await service.close();
  });

  const answers = () => {
    const webhook = (url: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(loadFixture('challenge_created')),
      });
    return {
      'a stored webhook': webhook(service.webhookUrl),
      'a refused webhook': webhook(
        `${service.ingestUrl}/webhooks/qualified/wrong-token-0123456789`,
      ),
      'ingest health': fetch(`${service.ingestUrl}/health`),
      'ingest metrics': fetch(`${service.ingestUrl}/metrics`),
      'an unknown ingest route': fetch(`${service.ingestUrl}/nothing-here`),
      'a query': fetch(`${service.queryUrl}/candidates`),
      'a bad query': fetch(`${service.queryUrl}/candidates?limit=0`),
      'an unknown query route': fetch(`${service.queryUrl}/nothing-here`),
      'the OpenAPI page': fetch(`${service.queryUrl}/docs`),
    };
  };

  it('tell browsers not to sniff, frame, cache or send referrers, on both ports', async () => {
    for (const [what, answer] of Object.entries(answers())) {
      const { headers, status } = await answer;
      expect({ what, status, headers: Object.fromEntries(headers) }).toMatchObject({
        what,
        headers: {
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
          'referrer-policy': 'no-referrer',
          'cache-control': expect.stringContaining('no-store'),
          'cross-origin-resource-policy': 'same-origin',
          'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
        },
      });
    }
  });

  it('let the OpenAPI page load its own scripts and styles, and nothing from elsewhere', async () => {
    const page = await fetch(`${service.queryUrl}/docs`);
    const policy = page.headers.get('content-security-policy')!;
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('upgrade-insecure-requests');
    const html = await page.text();
    expect(html).not.toMatch(/<script>/);
    for (const [, url] of html.matchAll(/(?:src|href)=['"]([^'"]+)['"]/g)) {
      const loaded = await fetch(new URL(url, `${service.queryUrl}/docs`));
      expect({ url, status: loaded.status }).toEqual({ url, status: 200 });
      expect(new URL(loaded.url).origin).toBe(new URL(service.queryUrl).origin);
    }
  });
});
