import type { ReadStore } from '../../readstore/read-store.port.js';
import { liveTables, type Projection } from '../projection.js';
import { readCheckpoint, saveCheckpoint, type Checkpoint } from './checkpoint.store.js';
import { readRebuild, type RebuildRecord } from './rebuild.store.js';
import { createTables, existingTables } from './table-names.js';

/**
 * What a projection needs at start. create: it has no tables yet; resume: its live tables
 * are of its version; rebuild: they are of another version, or of unknown version (tables
 * without a checkpoint), and are rebuilt beside themselves.
 */
export interface StartPlan {
  action: 'create' | 'resume' | 'rebuild';
  checkpoint: Checkpoint | undefined;
  /** A rebuild recorded earlier, of any version. */
  rebuild: RebuildRecord | undefined;
}

export async function planStart(readStore: ReadStore, projection: Projection): Promise<StartPlan> {
  const checkpoint = await readCheckpoint(readStore, projection.name);
  const rebuild = await readRebuild(readStore, projection.name);
  if (checkpoint) {
    const action = checkpoint.version === projection.version ? 'resume' : 'rebuild';
    return { action, checkpoint, rebuild };
  }
  const tables = await existingTables(readStore, projection.tables);
  return { action: tables.length > 0 ? 'rebuild' : 'create', checkpoint, rebuild };
}

/** Creates the live tables and an empty checkpoint of the projection's version. */
export async function createLiveTables(readStore: ReadStore, projection: Projection) {
  await readStore.transaction(async (tx) => {
    await createTables(tx, projection, liveTables(projection));
    await saveCheckpoint(tx, {
      projection: projection.name,
      version: projection.version,
      position: undefined,
      eventTime: null,
      tables: projection.tables,
    });
  });
}
