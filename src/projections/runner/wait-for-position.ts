import { setTimeout as sleep } from 'node:timers/promises';
import type { Position } from '../../eventstore/position.js';
import type { ReadStore } from '../../readstore/read-store.port.js';
import { readCheckpoints, type Checkpoint } from './checkpoint.store.js';

export interface WaitResult {
  reached: boolean;
  /** The projections whose checkpoint has not reached the position. */
  behind: string[];
}

interface Waiter {
  names: readonly string[];
  position: Position;
  deadline: number;
  resolve(result: WaitResult): void;
  reject(error: unknown): void;
}

const POLL_MS = 10;

/**
 * Waits until named projections' live tables include the event at a position. Reads the
 * checkpoints, so it works in any process sharing the read store; one read every 10 ms
 * serves every waiter, however many requests wait at once.
 */
export class CheckpointWaiters {
  private readonly waiters = new Set<Waiter>();
  private polling = false;

  constructor(private readonly readStore: ReadStore) {}

  wait(names: readonly string[], position: Position, timeoutMs: number): Promise<WaitResult> {
    return new Promise((resolve, reject) => {
      this.waiters.add({ names, position, deadline: Date.now() + timeoutMs, resolve, reject });
      if (!this.polling) void this.poll();
    });
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      while (this.waiters.size > 0) {
        this.settle(await readCheckpoints(this.readStore));
        if (this.waiters.size > 0) await sleep(POLL_MS);
      }
    } catch (error) {
      for (const waiter of this.waiters) waiter.reject(error);
      this.waiters.clear();
    } finally {
      this.polling = false;
    }
  }

  /** Answers the waiters whose projections have reached their position or whose time is up. */
  private settle(checkpoints: Map<string, Checkpoint>): void {
    const now = Date.now();
    for (const waiter of this.waiters) {
      const behind = waiter.names.filter((name) => {
        const reached = checkpoints.get(name)?.position;
        return !reached || waiter.position.isAfter(reached);
      });
      if (behind.length > 0 && now < waiter.deadline) continue;
      this.waiters.delete(waiter);
      waiter.resolve({ reached: behind.length === 0, behind });
    }
  }
}
