import type { Position } from '../../eventstore/position.js';
import type { Projection } from '../projection.js';
import type { Checkpoint } from './checkpoint.store.js';
import { BatchApplier } from './batch-applier.js';
import { Consumer, type RunnerDeps } from './consumer.js';
import type { RebuildRecord } from './rebuild.store.js';
import { swapIn } from './shadow-tables.js';
import { createIndexes } from './table-names.js';
import { rebuildTarget } from './target.js';

export interface RebuildHooks {
  /** Stops applying events to the live tables, before the final catch-up and the swap. */
  pauseLive(): Promise<void>;
  changed(): void;
}

/**
 * Builds a projection again from the start of the log into its shadow tables, resuming
 * where its bookkeeping says. Once it has caught up with the log, live application pauses,
 * the rebuild catches up with the head as it is then, and the shadow tables replace the
 * live ones in one transaction; live application then resumes from the rebuild's position.
 */
export class Rebuild {
  /** The new live checkpoint, once swapped in. */
  swapped: Checkpoint | undefined;
  private readonly consumer: Consumer;
  /** The head when live application paused; null for an empty log. */
  private finalHead: Position | null | undefined;

  constructor(
    private readonly deps: RunnerDeps,
    private readonly projection: Projection,
    readonly record: RebuildRecord,
    private readonly hooks: RebuildHooks,
  ) {
    const target = rebuildTarget(projection, record);
    this.consumer = new Consumer(deps, {
      name: `${projection.name} rebuild`,
      from: record.position,
      applier: (signal) => new BatchApplier({ ...deps, target, signal, committed: () => {} }),
      afterBatch: (position, caughtUp) => this.afterBatch(position, caughtUp),
      changed: hooks.changed,
    });
  }

  get error(): string | undefined {
    return this.consumer.error;
  }

  /** Resolves when swapped in, stopped, or failed. */
  run(): Promise<void> {
    return this.consumer.run();
  }

  stop(): Promise<void> {
    return this.consumer.stop();
  }

  private async afterBatch(position: Position | undefined, caughtUp: boolean): Promise<boolean> {
    if (!caughtUp) return false;
    if (this.finalHead === undefined) {
      await this.deps.readStore.transaction(async (tx) => {
        await this.deps.fence(tx);
        await createIndexes(tx, this.projection, this.record.tables);
      });
      await this.hooks.pauseLive();
      this.finalHead = (await this.deps.store.headPosition()) ?? null;
    }
    if (this.finalHead && (!position || this.finalHead.isAfter(position))) return false;
    this.swapped = await this.deps.readStore.transaction(async (tx) => {
      await this.deps.fence(tx);
      return swapIn(tx, this.projection);
    });
    return true;
  }
}
