import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Settings } from '../../config/settings.js';
import { NamedSecrets, parseSecretList } from '../../platform/auth/named-secrets.js';
import { StartupError } from '../../platform/startup/startup-error.js';

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

/** The shortest token accepted from the token file, as from WEBHOOK_TOKENS. */
const MIN_TOKEN_LENGTH = 16;

export interface LoadedWebhookTokens {
  tokens: WebhookTokens;
  /** The token file the token was read from, when it came from one. */
  file?: string;
  /** The token file was made by this start: its URL is to be shown, this once. */
  created: boolean;
}

/**
 * The configured tokens; with none configured, the one kept in the data directory, made on
 * first start. A token file with too short a token stops the start.
 */
export function loadWebhookTokens(settings: Settings): LoadedWebhookTokens {
  if (settings.WEBHOOK_AUTH === 'none') {
    return { tokens: new WebhookTokens([], true), created: false };
  }
  if (settings.WEBHOOK_TOKENS) {
    const entries = parseSecretList(settings.WEBHOOK_TOKENS);
    return { tokens: new WebhookTokens(entries), created: false };
  }
  const file = resolve(settings.DATA_DIR, GENERATED_TOKEN_FILE);
  const created = !existsSync(file);
  if (created) writeWhole(file, `${randomBytes(24).toString('base64url')}\n`);
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_TOKEN_LENGTH) {
    throw new StartupError(
      `The webhook token in ${file} has ${secret.length} characters; it needs at least ${MIN_TOKEN_LENGTH}. Delete the file to have a new token made (and update the URL in Qualified), or set WEBHOOK_TOKENS`,
    );
  }
  return { tokens: new WebhookTokens([{ name: 'default', secret }]), file, created };
}

/**
 * Writes a private file whole or not at all: written under a temporary name, flushed to
 * disk, then renamed, so that a crash or a full disk never leaves a partial token behind.
 */
function writeWhole(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeFileSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
    syncDirectory(dirname(file));
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new StartupError(
      `The webhook token cannot be written to ${file}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** Makes a rename in the directory survive a power loss. */
function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
