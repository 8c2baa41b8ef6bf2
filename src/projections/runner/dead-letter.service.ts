import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../eventstore/event-store.port.js';
import { Position } from '../../eventstore/position.js';
import { READ_STORE, type ReadStore, type SqlExecutor } from '../../readstore/read-store.port.js';
import { isApplyFailure, liveTables, type Projection, type TableNames } from '../projection.js';
import { PROJECTIONS } from './projections.token.js';
import { readCheckpoint } from './checkpoint.store.js';
import {
  findDeadLetter,
  listDeadLetters,
  recordFailedRetry,
  removeDeadLetter,
  type DeadLetter,
} from './dead-letter.store.js';
import { DeadLetterNotFoundError, describeError } from './errors.js';
import { firstDeliveries } from './first-deliveries.js';
import { eventAt } from './log-facts.js';
import { pickProjections } from './projection-names.js';
import { readRebuild } from './rebuild.store.js';

export type RetryOutcome =
  | { id: string; status: 'applied' }
  | { id: string; status: 'failed'; error: string; attempts: number };

/** Parked events: listed, and retried once the handler is fixed. Any process can use it. */
@Injectable()
export class DeadLetterService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(PROJECTIONS) private readonly projections: readonly Projection[],
  ) {}

  /** The parked events of one projection or all, in log order. */
  list(projection?: string): Promise<DeadLetter[]> {
    if (projection !== undefined) pickProjections(this.projections, [projection]);
    return listDeadLetters(this.readStore, projection);
  }

  async get(id: string): Promise<DeadLetter> {
    const letter = await findDeadLetter(this.readStore, id);
    if (!letter) throw new DeadLetterNotFoundError(id);
    return letter;
  }

  /**
   * Reads the event from the log again and applies it to the tables that miss it; on
   * success it leaves the dead letters, on failure its attempts and error are updated.
   */
  async retry(id: string): Promise<RetryOutcome> {
    const letter = await this.get(id);
    const [projection] = pickProjections(this.projections, [letter.projection]);
    const event = await eventAt(this.store, Position.parse(letter.position));
    if (event?.id !== letter.eventId) {
      throw new Error(`The event ${letter.eventId} is not at ${letter.position} in the log`);
    }
    let applying = false;
    try {
      await this.readStore.transaction(async (tx) => {
        const tables = await this.tablesMissing(tx, projection, id);
        applying = true;
        const writer = projection.writer(tables);
        await writer.apply(tx, [event], await firstDeliveries(tx, [event]));
        await removeDeadLetter(tx, id);
      });
      return { id, status: 'applied' };
    } catch (error) {
      if (!applying) throw error;
      const described = describeError(isApplyFailure(error) ? error.error : error);
      await this.readStore.transaction((tx) =>
        recordFailedRetry(tx, { id, error: described, now: new Date() }),
      );
      return { id, status: 'failed', error: described, attempts: letter.attempts + 1 };
    }
  }

  /** Retries the parked events of one projection or all, in log order. */
  async retryAll(projection?: string): Promise<RetryOutcome[]> {
    const outcomes: RetryOutcome[] = [];
    for (const letter of await this.list(projection)) outcomes.push(await this.retry(letter.id));
    return outcomes;
  }

  /** The tables the parked event is missing from, checked inside the retry's transaction. */
  private async tablesMissing(
    tx: SqlExecutor,
    projection: Projection,
    id: string,
  ): Promise<TableNames> {
    const letter = await findDeadLetter(tx, id);
    if (!letter) throw new DeadLetterNotFoundError(id);
    if (letter.rebuild !== null) {
      const rebuild = await readRebuild(tx, projection.name);
      if (rebuild?.suffix !== letter.rebuild) throw new DeadLetterNotFoundError(id);
      return rebuild.tables;
    }
    const checkpoint = await readCheckpoint(tx, projection.name);
    if (checkpoint?.version !== projection.version) {
      throw new Error(
        `The live tables of ${projection.name} are of version ${checkpoint?.version}, not ${projection.version}: retry once its rebuild is done`,
      );
    }
    return liveTables(projection);
  }
}
