import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../../config/settings.js';

export interface WebhookToken {
  name: string;
  secret: string;
}

/** Compares a presented token with every configured one in constant time. */
export class WebhookTokens {
  private readonly digests: { name: string; digest: Buffer }[];

  constructor(
    readonly tokens: WebhookToken[],
    /** True when no token is required (WEBHOOK_AUTH=none). */
    readonly open = false,
  ) {
    this.digests = tokens.map(({ name, secret }) => ({ name, digest: digest(secret) }));
  }

  /** The name of the token that matches, or undefined. Checks all tokens whatever matches. */
  match(presented: string | undefined): string | undefined {
    const candidate = digest(presented ?? '');
    let matched: string | undefined;
    for (const { name, digest: expected } of this.digests) {
      if (timingSafeEqual(candidate, expected) && matched === undefined) matched = name;
    }
    return matched;
  }
}

/** Hashing first gives equal lengths, which timingSafeEqual requires, and hides the length. */
function digest(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
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
  if (settings.WEBHOOK_AUTH === 'none')
    return { tokens: new WebhookTokens([], true), generated: false };
  if (settings.WEBHOOK_TOKENS) {
    return { tokens: new WebhookTokens(parseTokens(settings.WEBHOOK_TOKENS)), generated: false };
  }
  const file = join(settings.DATA_DIR, GENERATED_TOKEN_FILE);
  if (!existsSync(file)) {
    mkdirSync(settings.DATA_DIR, { recursive: true });
    writeFileSync(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  }
  const secret = readFileSync(file, 'utf8').trim();
  return { tokens: new WebhookTokens([{ name: 'default', secret }]), generated: true };
}

function parseTokens(list: string): WebhookToken[] {
  return list.split(',').map((pair) => {
    const [name, secret] = pair.split(':');
    return { name, secret };
  });
}
