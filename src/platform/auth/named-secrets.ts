import { createHash, timingSafeEqual } from 'node:crypto';

export interface NamedSecret {
  name: string;
  secret: string;
}

/** Configured secrets, each with a name; a presented secret is compared in constant time. */
export class NamedSecrets<T extends NamedSecret = NamedSecret> {
  private readonly digests: { entry: T; digest: Buffer }[];

  constructor(readonly entries: readonly T[]) {
    this.digests = entries.map((entry) => ({ entry, digest: digest(entry.secret) }));
  }

  /**
   * The entry whose secret was presented, or undefined. Compares with all of them. Nothing
   * presented matches nothing, even a secret left empty by mistake.
   */
  match(presented: string | undefined): T | undefined {
    if (!presented) return undefined;
    const candidate = digest(presented);
    let matched: T | undefined;
    for (const { entry, digest: expected } of this.digests) {
      if (timingSafeEqual(candidate, expected) && matched === undefined) matched = entry;
    }
    return matched;
  }
}

/** Hashing first gives equal lengths, which timingSafeEqual requires, and hides the length. */
function digest(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** A short, stable name for a secret that can be logged: the start of its SHA-256. */
export function fingerprint(secret: string): string {
  return digest(secret).toString('hex').slice(0, 8);
}

/** Parses `name:secret[:flag],…` into its parts. */
export function parseSecretList(list: string): { name: string; secret: string; flag?: string }[] {
  return list.split(',').map((item) => {
    const [name, secret, flag] = item.trim().split(':');
    return { name, secret, flag };
  });
}
