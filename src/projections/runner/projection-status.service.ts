import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../eventstore/event-store.port.js';
import { lowestPosition, Position } from '../../eventstore/position.js';
import { READ_STORE, type ReadStore } from '../../readstore/read-store.port.js';
import type { Projection } from '../projection.js';
import { PROJECTIONS } from './projections.token.js';
import { readCheckpoints, type Checkpoint } from './checkpoint.store.js';
import { countDeadLetters } from './dead-letter.store.js';
import { eventAt, eventsBetween, eventTime } from './log-facts.js';
import { pickProjections } from './projection-names.js';
import { readStates, type ProjectionState } from './projection-state.store.js';
import { readLeaseHolder, type LeaseHolder } from './projector-lease.js';
import { readRebuilds, type RebuildRecord } from './rebuild.store.js';
import { RUNNER_OPTIONS, type RunnerOptions } from './runner-options.js';
import { CheckpointWaiters, type WaitResult } from './wait-for-position.js';

export interface RebuildProgress {
  /** The version being built. */
  version: number;
  position: string | null;
  eventsDone: number;
  /** Events in the log now; null when the store's positions do not count events. */
  eventsTotal: number | null;
  /** Events per second in the current run; null before its first batch. */
  rate: number | null;
  startedAt: string;
}

export interface ProjectionStatus {
  name: string;
  /** The version of the code. */
  version: number;
  /** The version of the live tables served now; another while a new version is rebuilt. */
  liveVersion: number | null;
  /** What the projector reported; stopped when no projector holds the lease. */
  state: ProjectionState;
  /** Why it stopped, or why its last rebuild stopped. */
  error: string | null;
  checkpoint: string | null;
  head: string | null;
  lag: {
    /** Events after the checkpoint; null when the store's positions do not count events. */
    events: number | null;
    /** The head event's receivedAt less the checkpoint event's; null before the first. */
    seconds: number | null;
  };
  /** Events the live tables miss, parked in the dead letters. */
  parked: number;
  rebuild: RebuildProgress | null;
}

export interface ServedPosition {
  /** The position every one of the projections has reached; undefined before any event. */
  position: Position | undefined;
  /** The projections with no live tables yet. */
  unbuilt: string[];
}

interface LogHead {
  position: Position | undefined;
  time: string | undefined;
}

/** What the projector reports, read from the read store and the log: any process can ask. */
@Injectable()
export class ProjectionStatusService {
  private readonly waiters: CheckpointWaiters;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(PROJECTIONS) private readonly projections: readonly Projection[],
    @Inject(RUNNER_OPTIONS) private readonly options: RunnerOptions,
  ) {
    this.waiters = new CheckpointWaiters(readStore);
  }

  /** The status of every projection, or of the named ones. */
  async statuses(names?: readonly string[]): Promise<ProjectionStatus[]> {
    const chosen = pickProjections(this.projections, names);
    const [head, checkpoints, rebuilds, parked, states, projector] = await Promise.all([
      this.head(),
      readCheckpoints(this.readStore),
      readRebuilds(this.readStore),
      countDeadLetters(this.readStore),
      readStates(this.readStore),
      this.projector(),
    ]);
    return chosen.map((projection) => {
      const checkpoint = checkpoints.get(projection.name);
      const reported = states.get(projection.name);
      const rebuild = rebuilds.get(projection.name);
      return {
        name: projection.name,
        version: projection.version,
        liveVersion: checkpoint?.version ?? null,
        state: (projector && reported?.state) || 'stopped',
        error: reported?.error ?? null,
        checkpoint: checkpoint?.position?.toString() ?? null,
        head: head.position?.toString() ?? null,
        lag: this.lag(checkpoint, head),
        parked: parked.get(projection.name) ?? 0,
        rebuild: rebuild ? this.progress(rebuild, head) : null,
      };
    });
  }

  /** The projector holding the read store's lease, or null when none is running. */
  async projector(): Promise<LeaseHolder | null> {
    return (await readLeaseHolder(this.readStore)) ?? null;
  }

  /**
   * What the named projections (default: all) serve now: the lowest of their checkpoints,
   * which all of them include, and those whose live tables no projector has created yet.
   */
  async served(names?: readonly string[]): Promise<ServedPosition> {
    const chosen = pickProjections(this.projections, names);
    const checkpoints = await readCheckpoints(this.readStore);
    const unbuilt = chosen.filter((p) => !checkpoints.has(p.name)).map((p) => p.name);
    const position = lowestPosition(chosen.map((p) => checkpoints.get(p.name)?.position));
    return { position, unbuilt };
  }

  /**
   * Waits until the named projections (default: all) include the event at `position`, for
   * read-your-writes; `reached` is false when `timeoutMs` passed first.
   */
  waitForPosition(
    position: Position | string,
    options: { projections?: readonly string[]; timeoutMs: number },
  ): Promise<WaitResult> {
    const names = pickProjections(this.projections, options.projections).map((p) => p.name);
    const target = typeof position === 'string' ? Position.parse(position) : position;
    return this.waiters.wait(names, target, options.timeoutMs);
  }

  private async head(): Promise<LogHead> {
    const position = await this.store.headPosition();
    const event = position && (await eventAt(this.store, position));
    return { position, time: event ? eventTime(event) : undefined };
  }

  private lag(checkpoint: Checkpoint | undefined, head: LogHead): ProjectionStatus['lag'] {
    const { positionsCountEvents } = this.options;
    const events = eventsBetween(checkpoint?.position, head.position, positionsCountEvents);
    if (!head.position || (checkpoint?.position && !head.position.isAfter(checkpoint.position))) {
      return { events, seconds: 0 };
    }
    const from = checkpoint?.eventTime;
    const seconds = from && head.time ? secondsBetween(from, head.time) : null;
    return { events, seconds: seconds === null ? null : Math.max(0, seconds) };
  }

  private progress(rebuild: RebuildRecord, head: LogHead): RebuildProgress {
    const done = rebuild.eventsDone - rebuild.runEventsFrom;
    const elapsed =
      rebuild.runStartedAt && rebuild.progressAt
        ? secondsBetween(rebuild.runStartedAt, rebuild.progressAt)
        : 0;
    return {
      version: rebuild.version,
      position: rebuild.position?.toString() ?? null,
      eventsDone: rebuild.eventsDone,
      eventsTotal: eventsBetween(undefined, head.position, this.options.positionsCountEvents),
      rate: elapsed > 0 ? done / elapsed : null,
      startedAt: rebuild.startedAt,
    };
  }
}

function secondsBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 1000;
}
