import type { RecordedEvent } from '../../eventstore/event-store.port.js';
import { lowestPosition, type Position } from '../../eventstore/position.js';
import { isApplyFailure, type ApplyFailure, type Projection } from '../projection.js';
import { BatchApplier } from './batch-applier.js';
import { Consumer, type Applier, type ConsumerState, type RunnerDeps } from './consumer.js';
import { firstDeliveries } from './first-deliveries.js';
import { liveTarget } from './target.js';

/** A projection whose live tables the group keeps up to date. */
interface Member {
  projection: Projection;
  /** The last event its live tables hold; undefined before the first. */
  position: Position | undefined;
  /** Set when its handler still failed after the retries (onError 'stop'). */
  error: string | undefined;
  changed(): void;
}

/**
 * The live tables of every running projection, kept up to date by one catch-up
 * subscription: each event is read and parsed once, and each batch is applied to all the
 * projections in one transaction that also moves their checkpoints. When a handler throws,
 * that batch is applied again projection by projection, each with its own retries and
 * parking. Joining or leaving restarts the subscription from the lowest checkpoint of the
 * members; each member skips the events its tables already hold.
 */
export class LiveGroup {
  private readonly members = new Map<string, Member>();
  private consumer: Consumer | undefined;
  private running = false;
  private changes: Promise<void> = Promise.resolve();

  constructor(private readonly deps: RunnerDeps) {}

  /** The member's state: stopped when it is not a member or stopped on an error. */
  stateOf(name: string): ConsumerState {
    const member = this.members.get(name);
    if (!member || member.error || !this.consumer) return 'stopped';
    return this.consumer.state;
  }

  errorOf(name: string): string | undefined {
    const member = this.members.get(name);
    return member && (member.error ?? this.consumer?.error);
  }

  /** Starts the subscription for the members that joined so far. */
  start(): Promise<void> {
    return this.change(() => (this.running = true));
  }

  /** Adds a projection's live tables, whose checkpoint is `from`. */
  join(projection: Projection, from: Position | undefined, changed: () => void): Promise<void> {
    const member = { projection, position: from, error: undefined, changed };
    return this.change(() => this.members.set(projection.name, member));
  }

  /** Stops applying events to a projection's live tables; a batch being committed finishes. */
  leave(name: string): Promise<void> {
    return this.change(() => this.members.delete(name));
  }

  /** Lets the batch being committed finish and closes the subscription. */
  stop(): Promise<void> {
    return this.change(() => (this.running = false));
  }

  /** Applies a change of membership between two runs of the subscription, one at a time. */
  private change(apply: () => void): Promise<void> {
    this.changes = this.changes.then(async () => {
      await this.consumer?.stop();
      this.consumer = undefined;
      apply();
      this.restart();
    });
    return this.changes;
  }

  private restart(): void {
    const active = [...this.members.values()].filter((member) => !member.error);
    if (!this.running || active.length === 0) return this.notify();
    const from = lowestPosition(active.map((member) => member.position));
    this.consumer = new Consumer(this.deps, {
      name: 'live projections',
      from,
      applier: (signal) => new GroupApplier(this.deps, active, signal),
      afterBatch: async () => false,
      changed: () => this.notify(),
    });
    void this.consumer.run();
    this.notify();
  }

  private notify(): void {
    for (const member of this.members.values()) member.changed();
  }
}

/** One part of a batch: the events a member's tables do not hold yet. */
interface Share {
  member: Member;
  applier: BatchApplier;
  events: RecordedEvent[];
}

class GroupApplier implements Applier {
  private readonly appliers: Map<Member, BatchApplier>;

  constructor(
    private readonly deps: RunnerDeps,
    members: Member[],
    signal: AbortSignal,
  ) {
    this.appliers = new Map(
      members.map((member) => [
        member,
        new BatchApplier({
          ...deps,
          target: liveTarget(member.projection),
          signal,
          committed: (last) => (member.position = last.position),
        }),
      ]),
    );
  }

  async commit(events: readonly RecordedEvent[]): Promise<undefined> {
    const shares = this.shares(events);
    const failure = shares.length > 0 && (await this.commitTogether(shares, events));
    if (!failure) return undefined;
    for (const share of shares) {
      const { member, applier, events: own } = share;
      const stop = await (share === failure.share
        ? applier.recover(own, failure.error)
        : applier.commit(own));
      if (stop) {
        member.error = stop.error;
        member.changed();
      }
    }
    return undefined;
  }

  private shares(events: readonly RecordedEvent[]): Share[] {
    const shares: Share[] = [];
    for (const [member, applier] of this.appliers) {
      if (member.error) continue;
      const own = events.filter(
        (event) => !member.position || event.position.isAfter(member.position),
      );
      if (own.length > 0) shares.push({ member, applier, events: own });
    }
    return shares;
  }

  /**
   * Applies every share in one transaction; when a handler throws, the transaction rolls
   * back and the answer says whose share failed.
   */
  private async commitTogether(
    shares: Share[],
    events: readonly RecordedEvent[],
  ): Promise<{ share: Share; error: ApplyFailure } | undefined> {
    let current: Share | undefined;
    try {
      await this.deps.readStore.transaction(async (tx) => {
        await this.deps.fence(tx);
        const facts = await firstDeliveries(tx, events);
        for (current of shares) await current.applier.applyIn(tx, current.events, facts);
      });
    } catch (error) {
      if (isApplyFailure(error) && current) return { share: current, error };
      throw error;
    }
    for (const { applier, events } of shares) applier.committed(events);
    return undefined;
  }
}
