import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../../config/settings.js';
import { NamedSecrets, parseSecretList } from '../../platform/auth/named-secrets.js';

/** The tokens a webhook may present; `open` when none is required (WEBHOOK_AUTH=none). */
export class WebhookTokens extends NamedSecrets {
  constructor(
    entries: { name: string; secret: string }[],
    readonly open = false,
  ) {
    super(entries);
  }
}

export const GENERATED_TOKEN_FILE = 'webhook-token';

/**
 * The configured tokens; with none configured, the one kept in the data directory, made on
 * first start. `generated` tells the caller to print the webhook URL.
 */
export function loadWebhookTokens(settings: Settings): {
  tokens: WebhookTokens;
  generated: boolean;
} {
  if (settings.WEBHOOK_AUTH === 'none') {
    return { tokens: new WebhookTokens([], true), generated: false };
  }
  if (settings.WEBHOOK_TOKENS) {
    const entries = parseSecretList(settings.WEBHOOK_TOKENS);
    return { tokens: new WebhookTokens(entries), generated: false };
  }
  const file = join(settings.DATA_DIR, GENERATED_TOKEN_FILE);
  if (!existsSync(file)) {
    mkdirSync(settings.DATA_DIR, { recursive: true });
    writeFileSync(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  }
  const secret = readFileSync(file, 'utf8').trim();
  return { tokens: new WebhookTokens([{ name: 'default', secret }]), generated: true };
}
