import { Logger } from '@nestjs/common';
import type { Position } from '../../eventstore/position.js';
import type { Projection } from '../projection.js';
import { checkpointProblem } from './checkpoint-check.js';
import { readCheckpoint } from './checkpoint.store.js';
import type { RunnerDeps } from './consumer.js';
import { describeError } from './errors.js';
import type { LiveGroup } from './live-group.js';
import { LeaseLostError } from './projector-lease.js';
import { saveState, type ProjectionState } from './projection-state.store.js';
import { Rebuild } from './rebuild.js';
import { startRebuildRun, type RebuildRecord } from './rebuild.store.js';
import { abandonRebuild, prepareRebuild } from './shadow-tables.js';
import { createLiveTables, planStart } from './start-plan.js';

/**
 * Keeps one projection up to date: its membership of the live group and, while one runs,
 * its rebuild.
 * Reports its state to the read store whenever it changes.
 */
export class ProjectionWorker {
  private rebuild: Rebuild | undefined;
  private rebuildStarting: Promise<void> | undefined;
  /** The suffix of a rebuild that stopped on an error; it waits for a restart. */
  private failedRebuild: string | undefined;
  private rebuildError: string | undefined;
  /** Why the live tables cannot follow the log on from their checkpoint; a rebuild clears it. */
  private checkpointError: string | undefined;
  private livePaused = false;
  private stopping = false;
  private readonly tasks = new Set<Promise<void>>();
  private reported = '';
  private reporting: Promise<void> = Promise.resolve();
  private readonly logger = new Logger('Projections');

  constructor(
    readonly projection: Projection,
    private readonly deps: RunnerDeps,
    private readonly live: LiveGroup,
  ) {}

  get state(): ProjectionState {
    if (this.rebuild || this.rebuildStarting) return 'rebuilding';
    const live = this.live.stateOf(this.projection.name);
    return live === 'live' || live === 'catching-up' ? live : 'stopped';
  }

  get error(): string | null {
    const { name } = this.projection;
    return this.live.errorOf(name) ?? this.rebuildError ?? this.checkpointError ?? null;
  }

  async start(): Promise<void> {
    const { action, checkpoint, rebuild } = await planStart(this.deps.readStore, this.projection);
    if (action === 'create') await createLiveTables(this.deps.readStore, this.projection);
    if (action !== 'rebuild') await this.resumeLive(checkpoint?.position);
    if (action === 'rebuild' || rebuild?.version === this.projection.version) {
      await this.startRebuild();
    } else if (rebuild) {
      await abandonRebuild(this.deps.readStore, rebuild);
    }
    this.changed();
    await this.reporting;
  }

  /** Starts a rebuild, or resumes the recorded one; nothing when one is under way. */
  startRebuild(): Promise<void> {
    if (this.rebuild || this.stopping) return Promise.resolve();
    this.rebuildStarting ??= this.beginRebuild().finally(() => (this.rebuildStarting = undefined));
    return this.rebuildStarting;
  }

  /** Picks up a rebuild recorded by a request, unless it is running or stopped on an error. */
  async pickUp(record: RebuildRecord): Promise<void> {
    const current = record.version === this.projection.version;
    if (current && record.suffix !== this.failedRebuild) await this.startRebuild();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.rebuildStarting;
    await this.rebuild?.stop();
    await Promise.all(this.tasks);
    this.changed();
    await this.reporting;
  }

  private async beginRebuild(): Promise<void> {
    const { readStore } = this.deps;
    const record = await prepareRebuild(readStore, this.projection, new Date());
    await startRebuildRun(readStore, this.projection.name, new Date());
    if (this.stopping) return;
    const rebuild = new Rebuild(this.deps, this.projection, record, {
      pauseLive: () => this.pauseLive(),
      changed: () => this.changed(),
    });
    this.rebuild = rebuild;
    this.rebuildError = undefined;
    this.changed();
    this.track(rebuild.run().then(() => this.rebuildEnded(rebuild)));
  }

  private async rebuildEnded(rebuild: Rebuild): Promise<void> {
    this.rebuild = undefined;
    this.rebuildError = rebuild.error;
    if (rebuild.error) this.failedRebuild = rebuild.record.suffix;
    if (rebuild.swapped) this.checkpointError = undefined;
    if (!this.stopping && (rebuild.swapped || this.livePaused)) {
      this.livePaused = false;
      const checkpoint = await readCheckpoint(this.deps.readStore, this.projection.name);
      if (!this.stopping && checkpoint?.version === this.projection.version) {
        await this.joinLive(checkpoint.position);
      }
    }
    this.changed();
  }

  /** Joins the live group from the checkpoint, unless it is not a checkpoint of this log. */
  private async resumeLive(from: Position | undefined): Promise<void> {
    this.checkpointError = await checkpointProblem(this.deps.store, from);
    if (!this.checkpointError) return this.joinLive(from);
    this.logger.error(`${this.projection.name} stopped: ${this.checkpointError}`);
  }

  private joinLive(from: Position | undefined): Promise<void> {
    return this.live.join(this.projection, from, () => this.changed());
  }

  private async pauseLive(): Promise<void> {
    this.livePaused = true;
    await this.live.leave(this.projection.name);
  }

  private track(task: Promise<void>): void {
    const tracked = task.catch((error: unknown) =>
      this.logger.error(`${this.projection.name}: ${describeError(error)}`),
    );
    this.tasks.add(tracked);
    void tracked.finally(() => this.tasks.delete(tracked));
  }

  /**
   * Writes the state to the read store when it differs from the last one written, unless
   * this runner has lost the lease: the states there are the new holder's.
   */
  private changed(): void {
    const { state, error } = this;
    const key = `${state}\n${error}`;
    if (key === this.reported) return;
    this.reported = key;
    this.reporting = this.reporting
      .then(() =>
        this.deps.readStore.transaction(async (tx) => {
          await this.deps.fence(tx);
          await saveState(tx, this.projection.name, { state, error, now: new Date() });
        }),
      )
      .catch((failure: unknown) => {
        if (failure instanceof LeaseLostError) return;
        this.logger.error(`Cannot record the state of ${this.projection.name}: ${failure}`);
      });
  }
}
