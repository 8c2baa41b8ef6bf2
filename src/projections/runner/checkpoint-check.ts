import { StoreUnavailableError } from '../../eventstore/event-store.errors.js';
import type { EventStore, RecordedEvent } from '../../eventstore/event-store.port.js';
import type { Position } from '../../eventstore/position.js';

/**
 * Why the log cannot be followed on from a checkpoint, or undefined when it can: the
 * checkpoint must name an event of this log. One past the end or between two events was
 * taken from another log (read models restored from a newer backup than the log, or pointed
 * at another server), and a subscription from it would skip, without a word, every event
 * written up to it. A store that cannot be reached is no answer: its error is thrown.
 */
export async function checkpointProblem(
  store: EventStore,
  checkpoint: Position | undefined,
): Promise<string | undefined> {
  if (!checkpoint) return undefined;
  let next: RecordedEvent | undefined;
  try {
    [next] = await store.readAll({ from: checkpoint, limit: 1 });
  } catch (error) {
    if (error instanceof StoreUnavailableError) throw error;
    return fromAnotherLog(checkpoint, `cannot be read from (${(error as Error).message})`);
  }
  if (next?.position.equals(checkpoint)) return undefined;
  if (next) return fromAnotherLog(checkpoint, `names no event (the next is at ${next.position})`);
  const head = await store.headPosition();
  const end = head ? `its last event is at ${head}` : 'it is empty';
  return fromAnotherLog(checkpoint, `is past the end of the log (${end})`);
}

function fromAnotherLog(checkpoint: Position, problem: string): string {
  return `The checkpoint ${checkpoint} ${problem}: these read models were built from another log (a restored backup, or another server). Rebuild the projection to build it from this log.`;
}
