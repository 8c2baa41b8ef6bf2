import type { ReadStore, SqlExecutor } from '../../readstore/read-store.port.js';
import type { Projection } from '../projection.js';
import { readCheckpoint, saveCheckpoint, type Checkpoint } from './checkpoint.store.js';
import { adoptRebuildDeadLetters, dropRebuildDeadLetters } from './dead-letter.store.js';
import { deleteRebuild, insertRebuild, readRebuild, type RebuildRecord } from './rebuild.store.js';
import { createTables, dropTables, newRebuildSuffix, shadowTables } from './table-names.js';

/**
 * The rebuild of a projection at its code version: the one in progress, or a new one whose
 * empty shadow tables are created with its bookkeeping, in one transaction.
 */
export async function prepareRebuild(
  readStore: ReadStore,
  projection: Projection,
  now: Date,
): Promise<RebuildRecord> {
  const existing = await readRebuild(readStore, projection.name);
  if (existing?.version === projection.version) return existing;
  if (existing) await abandonRebuild(readStore, existing);
  const suffix = newRebuildSuffix();
  const record: RebuildRecord = {
    projection: projection.name,
    version: projection.version,
    suffix,
    tables: shadowTables(projection, suffix),
    position: undefined,
    eventTime: null,
    eventsDone: 0,
    startedAt: now.toISOString(),
    runStartedAt: null,
    runEventsFrom: 0,
    progressAt: null,
  };
  return readStore.transaction(async (tx) => {
    // Another process may have asked for the same rebuild meanwhile.
    const raced = await readRebuild(tx, projection.name);
    if (raced) return raced;
    // Indexes come once the tables are filled: building them then is cheaper than keeping
    // them up to date row by row.
    await createTables(tx, projection, record.tables, { indexes: false });
    await insertRebuild(tx, record);
    return record;
  });
}

/** Drops a rebuild's shadow tables, its dead letters and its bookkeeping. */
export async function abandonRebuild(readStore: ReadStore, record: RebuildRecord): Promise<void> {
  await readStore.transaction(async (tx) => {
    await dropTables(tx, Object.values(record.tables));
    await dropRebuildDeadLetters(tx, record.projection, record.suffix);
    await deleteRebuild(tx, record.projection);
  });
}

/**
 * Replaces the live tables with the rebuild's in the caller's transaction, so that readers
 * see the old model or the new one and never neither; the checkpoint becomes the rebuild's.
 */
export async function swapIn(tx: SqlExecutor, projection: Projection): Promise<Checkpoint> {
  const rebuild = await readRebuild(tx, projection.name);
  if (!rebuild) throw new Error(`The projection ${projection.name} has no rebuild to swap in`);
  const live = await readCheckpoint(tx, projection.name);
  await dropTables(tx, new Set([...(live?.tables ?? []), ...projection.tables]));
  for (const [table, shadow] of Object.entries(rebuild.tables)) {
    await tx.execute(`ALTER TABLE ${shadow} RENAME TO ${table}`);
  }
  const checkpoint: Checkpoint = {
    projection: projection.name,
    version: rebuild.version,
    position: rebuild.position,
    eventTime: rebuild.eventTime,
    tables: Object.keys(rebuild.tables),
  };
  await saveCheckpoint(tx, checkpoint);
  await adoptRebuildDeadLetters(tx, projection.name, rebuild.suffix);
  await deleteRebuild(tx, projection.name);
  return checkpoint;
}
