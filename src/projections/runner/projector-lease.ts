import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { ReadStore, SqlExecutor } from '../../readstore/read-store.port.js';

/** The projector holding a read store's lease, and until when. */
export interface LeaseHolder {
  /** `<host>:<pid>:<random>`, new for every runner. */
  holder: string;
  acquiredAt: string;
  expiresAt: string;
}

export class LeaseLostError extends Error {
  constructor() {
    super('Another projector holds the lease of this read store');
    this.name = 'LeaseLostError';
  }
}

/** The name of the one lease row: one active projector per read store. */
const LEASE = 'projector';

export function newHolderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * The right to project into a read store: one row, taken when free or expired, renewed by
 * its holder, released when it stops. A holder that was paused past its expiry may have
 * been replaced, so each of its commits renews the lease in the commit's own transaction
 * (`fence`) and rolls back when the row names another holder. Times are ISO-8601 text,
 * which sorts in time order; the SQL runs on SQLite and PostgreSQL alike. Hosts sharing a
 * read store need clocks that agree to well within the time to live.
 */
export class ProjectorLease {
  constructor(
    private readonly readStore: ReadStore,
    readonly holder: string,
    private readonly ttlMs: number,
  ) {}

  /** Takes the lease when no one holds it or its holder let it expire; true when taken. */
  async acquire(now = new Date()): Promise<boolean> {
    const { changes } = await this.readStore.execute(
      `INSERT INTO projection_lease (name, holder, acquired_at, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder,
         acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
       WHERE projection_lease.expires_at <= excluded.acquired_at`,
      [LEASE, this.holder, now.toISOString(), this.expiry(now)],
    );
    return changes > 0;
  }

  /**
   * Extends the lease; false when another runner has taken it. An expired lease that no one
   * took is still ours: no one else has written meanwhile.
   */
  async renew(db: SqlExecutor = this.readStore, now = new Date()): Promise<boolean> {
    const { changes } = await db.execute(
      'UPDATE projection_lease SET expires_at = ? WHERE name = ? AND holder = ?',
      [this.expiry(now), LEASE, this.holder],
    );
    return changes > 0;
  }

  /** Renews the lease inside a commit's transaction, or throws to roll the commit back. */
  async fence(tx: SqlExecutor): Promise<void> {
    if (!(await this.renew(tx))) throw new LeaseLostError();
  }

  async release(): Promise<void> {
    await this.readStore.execute('DELETE FROM projection_lease WHERE name = ? AND holder = ?', [
      LEASE,
      this.holder,
    ]);
  }

  private expiry(now: Date): string {
    return new Date(now.getTime() + this.ttlMs).toISOString();
  }
}

/** The projector holding the lease now; undefined when none does or its lease expired. */
export async function readLeaseHolder(
  db: SqlExecutor,
  now = new Date(),
): Promise<LeaseHolder | undefined> {
  const [row] = await db.query<{ holder: string; acquired_at: string; expires_at: string }>(
    `SELECT holder, acquired_at, expires_at FROM projection_lease
       WHERE name = ? AND expires_at > ?`,
    [LEASE, now.toISOString()],
  );
  return row && { holder: row.holder, acquiredAt: row.acquired_at, expiresAt: row.expires_at };
}
