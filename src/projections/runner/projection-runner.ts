import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../eventstore/event-store.port.js';
import { READ_STORE, type ReadStore } from '../../readstore/read-store.port.js';
import type { Projection } from '../projection.js';
import { PROJECTIONS } from './projections.token.js';
import type { RunnerDeps } from './consumer.js';
import { describeError } from './errors.js';
import { checkProjections } from './projection-names.js';
import { ProjectionWorker } from './projection-worker.js';
import { readRebuilds } from './rebuild.store.js';
import { RUNNER_OPTIONS, type RunnerOptions } from './runner-options.js';
import { createRunnerTables } from './runner.schema.js';

/** How often the runner looks for rebuilds asked for by other processes. */
const REBUILD_POLL_MS = 500;

/**
 * The projector: keeps every projection's read model up to date from the log, one
 * catch-up subscription per projection (and one per rebuild).
 */
@Injectable()
export class ProjectionRunner {
  private readonly workers: ProjectionWorker[];
  private poller: NodeJS.Timeout | undefined;
  private pickingUp: Promise<void> | undefined;
  private readonly logger = new Logger('Projections');

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(PROJECTIONS) projections: readonly Projection[],
    @Inject(RUNNER_OPTIONS) options: RunnerOptions,
  ) {
    checkProjections(projections);
    const deps: RunnerDeps = { store, readStore, options };
    this.workers = projections.map((projection) => new ProjectionWorker(projection, deps));
  }

  /**
   * Brings every projection up: creates the tables of a new one, resumes the others from
   * their checkpoints, rebuilds those whose version changed and resumes unfinished rebuilds.
   */
  async start(): Promise<void> {
    await createRunnerTables(this.readStore);
    for (const worker of this.workers) await worker.start();
    this.poller = setInterval(() => void this.pickUpRebuilds(), REBUILD_POLL_MS);
  }

  /** Lets the batches being committed finish, abandons the rest, closes the subscriptions. */
  async stop(): Promise<void> {
    clearInterval(this.poller);
    await this.pickingUp;
    await Promise.all(this.workers.map((worker) => worker.stop()));
  }

  /** Starts the rebuilds recorded in the read store that are not running here yet. */
  pickUpRebuilds(): Promise<void> {
    this.pickingUp ??= this.pickUp().finally(() => (this.pickingUp = undefined));
    return this.pickingUp;
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
