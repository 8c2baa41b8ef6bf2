import { setTimeout as sleep } from 'node:timers/promises';
import type { Position } from '../../eventstore/position.js';
import type { ReadStore } from '../../readstore/read-store.port.js';
import { readCheckpoints } from './checkpoint.store.js';

export interface WaitResult {
  reached: boolean;
  /** The projections whose checkpoint has not reached the position. */
  behind: string[];
}

const POLL_MS = 10;

/**
 * Waits until every named projection's live tables include the event at `position`. Reads
 * the checkpoints, so it works in any process sharing the read store.
 */
export async function waitForPosition(
  readStore: ReadStore,
  names: readonly string[],
  position: Position,
  timeoutMs: number,
): Promise<WaitResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const checkpoints = await readCheckpoints(readStore);
    const behind = names.filter((name) => {
      const reached = checkpoints.get(name)?.position;
      return !reached || position.isAfter(reached);
    });
    const left = deadline - Date.now();
    if (behind.length === 0 || left <= 0) return { reached: behind.length === 0, behind };
    await sleep(Math.min(POLL_MS, left));
  }
}
