import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../../config/settings.js';
import { GENERATED_TOKEN_FILE, loadWebhookTokens, WebhookTokens } from './webhook-tokens.js';

describe('WebhookTokens', () => {
  const tokens = new WebhookTokens([
    { name: 'prod', secret: 'prod-secret-0123456789' },
    { name: 'staging', secret: 'staging-secret-0123456789' },
  ]);

  it('names the token that matches', () => {
    expect(tokens.match('prod-secret-0123456789')?.name).toBe('prod');
    expect(tokens.match('staging-secret-0123456789')?.name).toBe('staging');
  });

  it('matches nothing for a wrong, partial, longer or missing token', () => {
    expect(tokens.match('prod-secret-012345678')).toBeUndefined();
    expect(tokens.match('prod-secret-01234567890')).toBeUndefined();
    expect(tokens.match('')).toBeUndefined();
    expect(tokens.match(undefined)).toBeUndefined();
  });
});

describe('loadWebhookTokens', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-tokens-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the configured named tokens', () => {
    const settings = loadSettings({ DATA_DIR: dir, WEBHOOK_TOKENS: 'prod:abcdefghijklmnop1234' });
    const { tokens, generated } = loadWebhookTokens(settings);
    expect(generated).toBe(false);
    expect(tokens.match('abcdefghijklmnop1234')?.name).toBe('prod');
  });

  it('makes a token on first start, keeps it private, and reuses it after', () => {
    const settings = loadSettings({ DATA_DIR: dir });
    const first = loadWebhookTokens(settings);
    const secret = readFileSync(join(dir, GENERATED_TOKEN_FILE), 'utf8').trim();
    expect(secret).toMatch(/^[\w-]{32}$/);
    expect(statSync(join(dir, GENERATED_TOKEN_FILE)).mode & 0o777).toBe(0o600);
    expect(first.generated).toBe(true);
    expect(first.tokens.match(secret)?.name).toBe('default');
    expect(loadWebhookTokens(settings).tokens.match(secret)?.name).toBe('default');
  });

  it('requires no token only when told so', () => {
    const { tokens } = loadWebhookTokens(loadSettings({ DATA_DIR: dir, WEBHOOK_AUTH: 'none' }));
    expect(tokens.open).toBe(true);
  });
});
