/**
 * Child process for the projector crash test: runs the runner with the counting projection
 * of the given version over the given stores. With a halt point (`live:<position>` or
 * `rebuild:<position>`) it stops inside that batch's open transaction, prints
 * `halted <point>`, and waits to be killed. Runs until killed.
 */
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { ProjectionRunner } from '../../src/projections/runner/projection-runner.js';
import { SqliteReadStore } from '../../src/readstore/sqlite-read-store.js';
import { countingProjection, isLive, type ApplyHook } from './counting-projection.js';

const [eventsFile, readFile, version, halt = 'none'] = process.argv.slice(2);

// A child the test failed to kill must not outlive it for long, nor hold a test run open.
setTimeout(() => process.exit(1), 120_000).unref();

const holdAt: ApplyHook = async (event, _tx, table) => {
  const point = `${isLive(table) ? 'live' : 'rebuild'}:${event.position}`;
  if (point !== halt) return;
  process.stdout.write(`halted ${point}\n`);
  await new Promise(() => {});
};

const runner = new ProjectionRunner(
  new SqliteEventStore({ file: eventsFile, pollIntervalMs: 20 }),
  new SqliteReadStore(readFile),
  [countingProjection({ version: Number(version), hook: holdAt })],
  {
    batchSize: 50,
    flushIntervalMs: 60_000,
    onError: 'stop',
    retries: 0,
    retryDelayMs: 1,
    positionsCountEvents: true,
    // A killed child's lease expires soon, so that its successor need not wait long.
    leaseTtlMs: 1000,
    leaseRenewMs: 200,
  },
);
void runner.start();
