import type { Database } from 'better-sqlite3';
import type { SqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import type { DeliverySpool } from '../../src/ingest/spool/delivery-spool.js';

/**
 * Leaves the SQLite file of an embedded event store or a spool room for about `bytes` more,
 * as a nearly full disk would: a transaction that needs more fails with SQLITE_FULL.
 * SQLite keeps this limit per connection, so it is set on the object's own connection.
 */
export function leaveRoomFor(owner: SqliteEventStore | DeliverySpool, bytes: number): void {
  const { db } = owner as unknown as { db: Database };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages + Math.ceil(bytes / pageSize)}`);
}

/** A value that takes about `kilobytes` KB of JSON. */
export function bulk(kilobytes: number): string {
  return 'x'.repeat(kilobytes * 1024);
}
