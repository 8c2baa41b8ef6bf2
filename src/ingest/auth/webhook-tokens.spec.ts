import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
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

  it('matches nothing presented empty, even against a secret left empty', () => {
    const emptied = new WebhookTokens([{ name: 'default', secret: '' }]);
    expect(emptied.match('')).toBeUndefined();
    expect(emptied.match(undefined)).toBeUndefined();
  });
});

describe('loadWebhookTokens', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-tokens-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the configured named tokens', () => {
    const settings = loadSettings({ DATA_DIR: dir, WEBHOOK_TOKENS: 'prod:abcdefghijklmnop1234' });
    const { tokens, created } = loadWebhookTokens(settings);
    expect(created).toBe(false);
    expect(tokens.match('abcdefghijklmnop1234')?.name).toBe('prod');
  });

  it('makes a token on first start, keeps it private, and reuses it after', () => {
    const settings = loadSettings({ DATA_DIR: dir });
    const first = loadWebhookTokens(settings);
    const secret = readFileSync(join(dir, GENERATED_TOKEN_FILE), 'utf8').trim();
    expect(secret).toMatch(/^[\w-]{32}$/);
    expect(statSync(join(dir, GENERATED_TOKEN_FILE)).mode & 0o777).toBe(0o600);
    expect(first.created).toBe(true);
    expect(first.tokens.match(secret)?.name).toBe('default');
    const again = loadWebhookTokens(settings);
    expect(again.created).toBe(false);
    expect(again.tokens.match(secret)?.name).toBe('default');
    expect(readdirSync(dir)).toEqual([GENERATED_TOKEN_FILE]);
  });

  it.each([
    ['empty', ''],
    ['15 characters long', 'abcdefghijklmno\n'],
  ])('refuses to start on a token file that is %s', (_case, content) => {
    writeFileSync(join(dir, GENERATED_TOKEN_FILE), content);
    expect(() => loadWebhookTokens(loadSettings({ DATA_DIR: dir }))).toThrow(
      /^The webhook token in .*webhook-token has \d+ characters; it needs at least 16\./,
    );
  });

  it('leaves no token file when the disk fills while the token is written', () => {
    // The file is written under this temporary name first; here it leads to a full device.
    symlinkSync('/dev/full', join(dir, `${GENERATED_TOKEN_FILE}.${process.pid}.tmp`));
    expect(() => loadWebhookTokens(loadSettings({ DATA_DIR: dir }))).toThrow(
      /^The webhook token cannot be written to .*: ENOSPC/,
    );
    expect(existsSync(join(dir, GENERATED_TOKEN_FILE))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('requires no token only when told so', () => {
    const { tokens } = loadWebhookTokens(loadSettings({ DATA_DIR: dir, WEBHOOK_AUTH: 'none' }));
    expect(tokens.open).toBe(true);
  });
});
