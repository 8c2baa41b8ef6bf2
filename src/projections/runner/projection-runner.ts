import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../eventstore/event-store.port.js';
import { READ_STORE, type ReadStore } from '../../readstore/read-store.port.js';
import type { Projection } from '../projection.js';
import { PROJECTIONS } from './projections.token.js';
import type { RunnerDeps } from './consumer.js';
import { describeError } from './errors.js';
import { checkProjections } from './projection-names.js';
import { LiveGroup } from './live-group.js';
import { ProjectionWorker } from './projection-worker.js';
import { newHolderId, ProjectorLease, readLeaseHolder } from './projector-lease.js';
import { readRebuilds } from './rebuild.store.js';
import { RUNNER_OPTIONS, type RunnerOptions } from './runner-options.js';
import { createRunnerTables } from './runner.schema.js';

/** How often the runner looks for rebuilds asked for by other processes. */
const REBUILD_POLL_MS = 500;

/** active: holds the read store's lease and projects; standby: waits for the lease. */
export type RunnerState = 'active' | 'standby' | 'stopped';

/**
 * The projector: keeps every projection's read model up to date from the log, one
 * catch-up subscription for all the live tables (and one per rebuild). Only the holder of the read
 * store's lease projects; another runner stands by and takes over when the lease is
 * released or expires, each projection resuming from its checkpoint.
 */
@Injectable()
export class ProjectionRunner {
  private currentState: RunnerState = 'stopped';
  private workers: ProjectionWorker[] = [];
  private live: LiveGroup | undefined;
  private readonly lease: ProjectorLease;
  private readonly deps: RunnerDeps;
  private leaseTimer: NodeJS.Timeout | undefined;
  private leaseCheck: Promise<void> | undefined;
  private poller: NodeJS.Timeout | undefined;
  private pickingUp: Promise<void> | undefined;
  private readonly logger = new Logger('Projections');

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(PROJECTIONS) private readonly projections: readonly Projection[],
    @Inject(RUNNER_OPTIONS) private readonly options: RunnerOptions,
  ) {
    checkProjections(projections);
    this.lease = new ProjectorLease(readStore, newHolderId(), options.leaseTtlMs);
    this.deps = { store, readStore, options, fence: (tx) => this.lease.fence(tx) };
  }

  get state(): RunnerState {
    return this.currentState;
  }

  /** Who this runner is in the lease. */
  get holder(): string {
    return this.lease.holder;
  }

  /**
   * Takes the lease and brings every projection up: creates the tables of a new one,
   * resumes the others from their checkpoints, rebuilds those whose version changed and
   * resumes unfinished rebuilds. When another runner holds the lease, stands by instead.
   */
  async start(): Promise<void> {
    await createRunnerTables(this.readStore);
    this.currentState = 'standby';
    if (await this.lease.acquire()) await this.activate();
    else await this.reportStandby();
    this.leaseTimer = setInterval(() => this.checkLease(), this.options.leaseRenewMs);
  }

  /**
   * Lets the batches being committed finish, abandons the rest, closes the subscriptions
   * and releases the lease.
   */
  async stop(): Promise<void> {
    clearInterval(this.leaseTimer);
    await this.leaseCheck;
    const held = this.currentState === 'active';
    await this.standDown();
    if (held) await this.lease.release();
    this.currentState = 'stopped';
  }

  /** Starts the rebuilds recorded in the read store that are not running here yet. */
  pickUpRebuilds(): Promise<void> {
    this.pickingUp ??= this.pickUp().finally(() => (this.pickingUp = undefined));
    return this.pickingUp;
  }

  private async activate(): Promise<void> {
    this.currentState = 'active';
    const live = new LiveGroup(this.deps);
    this.live = live;
    this.workers = this.projections.map(
      (projection) => new ProjectionWorker(projection, this.deps, live),
    );
    try {
      for (const worker of this.workers) await worker.start();
      await live.start();
    } catch (error) {
      // Leave the lease to a runner that can start, or to this one's next attempt.
      await this.standDown();
      await this.lease.release();
      throw error;
    }
    this.poller = setInterval(() => void this.pickUpRebuilds(), REBUILD_POLL_MS);
  }

  private async standDown(): Promise<void> {
    clearInterval(this.poller);
    await this.pickingUp;
    await this.live?.stop();
    await Promise.all(this.workers.map((worker) => worker.stop()));
    this.workers = [];
    this.currentState = 'standby';
  }

  /** Renews the lease while active, tries to take it on standby; one check at a time. */
  private checkLease(): void {
    this.leaseCheck ??= this.renewOrTake().finally(() => (this.leaseCheck = undefined));
  }

  private async renewOrTake(): Promise<void> {
    try {
      if (this.currentState === 'standby' && (await this.lease.acquire())) {
        this.logger.log(`${this.holder} took the projector lease`);
        await this.activate();
      } else if (this.currentState === 'active' && !(await this.lease.renew())) {
        this.logger.warn(`${this.holder} lost the projector lease; standing by`);
        await this.standDown();
      }
    } catch (error) {
      this.logger.error(`Cannot keep the projector lease: ${describeError(error)}`);
    }
  }

  private async reportStandby(): Promise<void> {
    const holder = await readLeaseHolder(this.readStore);
    this.logger.log(
      `Standing by: ${holder?.holder ?? 'another projector'} projects this read store`,
    );
  }

  private async pickUp(): Promise<void> {
    try {
      const requested = await readRebuilds(this.readStore);
      for (const worker of this.workers) {
        const record = requested.get(worker.projection.name);
        if (record) await worker.pickUp(record);
      }
    } catch (error) {
      this.logger.error(`Cannot look for requested rebuilds: ${describeError(error)}`);
    }
  }
}
