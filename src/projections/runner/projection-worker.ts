import { Logger } from '@nestjs/common';
import type { Position } from '../../eventstore/position.js';
import type { Projection } from '../projection.js';
import { readCheckpoint } from './checkpoint.store.js';
import { Consumer, type RunnerDeps } from './consumer.js';
import { describeError } from './errors.js';
import { LeaseLostError } from './projector-lease.js';
import { saveState, type ProjectionState } from './projection-state.store.js';
import { Rebuild } from './rebuild.js';
import { startRebuildRun, type RebuildRecord } from './rebuild.store.js';
import { abandonRebuild, prepareRebuild } from './shadow-tables.js';
import { createLiveTables, planStart } from './start-plan.js';
import { liveTarget } from './target.js';

/**
 * Keeps one projection up to date: its live consumer and, while one runs, its rebuild.
 * Reports its state to the read store whenever it changes.
 */
export class ProjectionWorker {
  private live: Consumer | undefined;
  private rebuild: Rebuild | undefined;
  private rebuildStarting: Promise<void> | undefined;
  /** The suffix of a rebuild that stopped on an error; it waits for a restart. */
  private failedRebuild: string | undefined;
  private rebuildError: string | undefined;
  private livePaused = false;
  private stopping = false;
  private readonly tasks = new Set<Promise<void>>();
  private reported = '';
  private reporting: Promise<void> = Promise.resolve();
  private readonly logger = new Logger('Projections');

  constructor(
    readonly projection: Projection,
    private readonly deps: RunnerDeps,
  ) {}

  get state(): ProjectionState {
    if (this.rebuild || this.rebuildStarting) return 'rebuilding';
    if (this.live?.state === 'live' || this.live?.state === 'catching-up') return this.live.state;
    return 'stopped';
  }

  get error(): string | null {
    return this.live?.error ?? this.rebuildError ?? null;
  }

  async start(): Promise<void> {
    const { action, checkpoint, rebuild } = await planStart(this.deps.readStore, this.projection);
    if (action === 'create') await createLiveTables(this.deps.readStore, this.projection);
    if (action !== 'rebuild') this.startLive(checkpoint?.position);
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
    await Promise.all([this.rebuild?.stop(), this.live?.stop()]);
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
    if (!this.stopping && (rebuild.swapped || this.livePaused)) {
      this.livePaused = false;
      const checkpoint = await readCheckpoint(this.deps.readStore, this.projection.name);
      if (!this.stopping && checkpoint?.version === this.projection.version) {
        this.startLive(checkpoint.position);
      }
    }
    this.changed();
  }

  private startLive(from: Position | undefined): void {
    const live = new Consumer(this.deps, {
      target: liveTarget(this.projection),
      from,
      afterBatch: async () => false,
      changed: () => this.changed(),
    });
    this.live = live;
    this.track(live.run());
  }

  private async pauseLive(): Promise<void> {
    this.livePaused = true;
    await this.live?.stop();
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
