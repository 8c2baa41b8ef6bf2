import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NewEvent } from '../../eventstore/event-store.port.js';
import type { DeliveryRecord } from '../delivery/delivery-record.js';

export interface SpooledDelivery extends DeliveryRecord {
  seq: number;
  /** Forwarding was tried before: the event may already be in the store. */
  attempted: boolean;
  /** Its size as EventStoreDB counts an append: data, metadata and twice the type, in bytes. */
  bytes: number;
}

interface SpoolRow {
  seq: number;
  stream: string;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  attempted: number;
}

/** Where the spool of a data directory is kept. */
export function spoolFile(dataDir: string): string {
  return join(dataDir, 'spool.sqlite');
}

/** How many deliveries wait in the spool file, read without forwarding any; 0 without one. */
export function spoolDepth(file: string): number {
  if (!existsSync(file)) return 0;
  const spool = new DeliverySpool(file);
  try {
    return spool.depth();
  } finally {
    spool.close();
  }
}

/**
 * A durable local queue of deliveries that could not reach EventStoreDB in time, in arrival
 * order. One SQLite file, every insert committed with a full sync before it is acknowledged.
 */
export class DeliverySpool {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS spool (
      seq       INTEGER PRIMARY KEY AUTOINCREMENT,
      stream    TEXT    NOT NULL,
      event_id  TEXT    NOT NULL UNIQUE,
      type      TEXT    NOT NULL,
      data      TEXT    NOT NULL,
      metadata  TEXT    NOT NULL,
      attempted INTEGER NOT NULL DEFAULT 0
    )`);
    this.statements = {
      insert: this.db.prepare<[string, string, string, string, string, number]>(
        `INSERT INTO spool (stream, event_id, type, data, metadata, attempted)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      oldest: this.db.prepare<[number], SpoolRow>('SELECT * FROM spool ORDER BY seq LIMIT ?'),
      markAttempted: this.db.prepare<[number]>('UPDATE spool SET attempted = 1 WHERE seq = ?'),
      remove: this.db.prepare<[number]>('DELETE FROM spool WHERE seq = ?'),
      depth: this.db.prepare<[], { depth: number }>('SELECT count(*) AS depth FROM spool'),
    };
  }

  add({ stream, event }: DeliveryRecord, attempted: boolean): void {
    this.statements.insert.run(
      stream,
      event.id,
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
      attempted ? 1 : 0,
    );
  }

  /** The oldest deliveries in arrival order: `limit` at most, and past the first `maxBytes`. */
  oldest(limit: number, maxBytes = Infinity): SpooledDelivery[] {
    const oldest: SpooledDelivery[] = [];
    let bytes = 0;
    for (const row of this.statements.oldest.iterate(limit)) {
      const delivery = toSpooled(row);
      bytes += delivery.bytes;
      if (oldest.length > 0 && bytes > maxBytes) break;
      oldest.push(delivery);
    }
    return oldest;
  }

  /** Marks the deliveries as tried, in one transaction. */
  markAttempted(seqs: readonly number[]): void {
    this.inTransaction(seqs, (seq) => this.statements.markAttempted.run(seq));
  }

  /** Removes the deliveries, in one transaction. */
  remove(seqs: readonly number[]): void {
    this.inTransaction(seqs, (seq) => this.statements.remove.run(seq));
  }

  depth(): number {
    return this.statements.depth.get()!.depth;
  }

  close(): void {
    this.db.close();
  }

  private inTransaction(seqs: readonly number[], change: (seq: number) => void): void {
    if (seqs.length > 0) this.db.transaction(() => seqs.forEach(change))();
  }
}

function toSpooled(row: SpoolRow): SpooledDelivery {
  const event: NewEvent = {
    id: row.event_id,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
  };
  const bytes =
    Buffer.byteLength(row.data) + Buffer.byteLength(row.metadata) + 2 * Buffer.byteLength(row.type);
  return { seq: row.seq, stream: row.stream, event, attempted: row.attempted === 1, bytes };
}
