import type { RecordedEvent } from '../../eventstore/event-store.port.js';
import type { SqlExecutor } from '../../readstore/read-store.port.js';
import { chunks, defineTable } from '../../readstore/table.js';
import type { BatchFacts } from '../projection.js';
import { toDelivery } from '../shared/delivery.js';

/**
 * Which event first delivered each content to each stream: a fact of the log, shared by
 * every projection, so that a repeated delivery changes nothing anywhere.
 */
export const LOG_DELIVERIES = defineTable({
  columns: {
    stream: { type: 'text' },
    content_hash: { type: 'text' },
    event_id: { type: 'text' },
  },
  key: ['stream', 'content_hash'],
});

export const LOG_DELIVERIES_TABLE = 'log_deliveries';

const PAIRS_PER_STATEMENT = 5_000;

/**
 * Works out, in the caller's transaction, which events of a batch are first deliveries,
 * recording those not seen before: one look-up and one insert per batch and chunk.
 */
export async function firstDeliveries(
  tx: SqlExecutor,
  events: readonly RecordedEvent[],
): Promise<BatchFacts> {
  const firsts = new Map<string, string>();
  const deliveries = events.flatMap((event) => toDelivery(event) ?? []);
  const pairs = new Map(
    deliveries.map((d) => [pairKey(d.stream, d.contentHash), [d.stream, d.contentHash]]),
  );
  for (const chunk of chunks([...pairs.values()], PAIRS_PER_STATEMENT)) {
    const rows = await tx.query<{ stream: string; content_hash: string; event_id: string }>(
      `SELECT stream, content_hash, event_id FROM ${LOG_DELIVERIES_TABLE}
       WHERE (stream, content_hash) IN (VALUES ${chunk.map(() => '(?, ?)').join(', ')})`,
      chunk.flat(),
    );
    for (const row of rows) firsts.set(pairKey(row.stream, row.content_hash), row.event_id);
  }
  const fresh = [];
  for (const delivery of deliveries) {
    const key = pairKey(delivery.stream, delivery.contentHash);
    if (firsts.has(key)) continue;
    firsts.set(key, delivery.id);
    fresh.push({
      stream: delivery.stream,
      content_hash: delivery.contentHash,
      event_id: delivery.id,
    });
  }
  for (const chunk of chunks(fresh, LOG_DELIVERIES.rowsPerStatement)) {
    await tx.execute(
      LOG_DELIVERIES.insertSql(LOG_DELIVERIES_TABLE, chunk.length),
      chunk.flatMap((row) => LOG_DELIVERIES.values(row)),
    );
  }
  return {
    isFirstDelivery(event) {
      const delivery = toDelivery(event);
      return !delivery || firsts.get(pairKey(delivery.stream, delivery.contentHash)) === event.id;
    },
  };
}

function pairKey(stream: string, contentHash: string): string {
  return `${stream}\u0000${contentHash}`;
}
