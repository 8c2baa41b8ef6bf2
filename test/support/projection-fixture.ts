import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '../../src/eventstore/event-store.port.js';
import type { Position } from '../../src/eventstore/position.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import type { Projection } from '../../src/projections/projection.js';
import { DeadLetterService } from '../../src/projections/runner/dead-letter.service.js';
import { ProjectionRunner } from '../../src/projections/runner/projection-runner.js';
import { ProjectionStatusService } from '../../src/projections/runner/projection-status.service.js';
import { RebuildService } from '../../src/projections/runner/rebuild.service.js';
import type { RunnerOptions } from '../../src/projections/runner/runner-options.js';
import { SqliteReadStore } from '../../src/readstore/sqlite-read-store.js';
import { countingProjection, countsTable, type CountRow } from './counting-projection.js';

export { eventually } from './eventually.js';

export const TEST_OPTIONS: RunnerOptions = {
  batchSize: 20,
  flushIntervalMs: 50,
  onError: 'park',
  retries: 2,
  retryDelayMs: 1,
  positionsCountEvents: true,
  leaseTtlMs: 1000,
  leaseRenewMs: 100,
};

/** The first event's receivedAt; each later event arrives a minute after the one before. */
export const T0 = Date.parse('2026-03-01T09:00:00.000Z');

/** The projector's pieces, wired as the module wires them. */
export interface Projector {
  runner: ProjectionRunner;
  status: ProjectionStatusService;
  deadLetters: DeadLetterService;
  rebuilds: RebuildService;
}

/** A real SQLite event store and read store in a temporary directory. */
export class ProjectionFixture {
  readonly dir = mkdtempSync(join(tmpdir(), 'ledger-projections-'));
  readonly store = new SqliteEventStore({
    file: join(this.dir, 'events.sqlite'),
    synchronous: 'NORMAL',
    pollIntervalMs: 20,
  });
  private readonly readStores: SqliteReadStore[] = [];
  readonly readStore = this.openReadStore('read-models.sqlite');
  private appended = 0;
  private readonly runners: ProjectionRunner[] = [];

  openReadStore(name: string): SqliteReadStore {
    const readStore = new SqliteReadStore(join(this.dir, name));
    this.readStores.push(readStore);
    return readStore;
  }

  /** A projector over the fixture's stores, or another read store; not started. */
  projector(
    projections: Projection[],
    options: Partial<RunnerOptions> = {},
    readStore = this.readStore,
  ): Projector {
    const all = { ...TEST_OPTIONS, ...options };
    const runner = new ProjectionRunner(this.store, readStore, projections, all);
    this.runners.push(runner);
    return {
      runner,
      status: new ProjectionStatusService(this.store, readStore, projections, all),
      deadLetters: new DeadLetterService(this.store, readStore, projections),
      rebuilds: new RebuildService(readStore, projections, runner),
    };
  }

  /**
   * Appends `count` events in appends of up to 5 consecutive events per stream, cycling
   * over `streams` streams; returns the position of the last.
   */
  async append(
    count: number,
    options: { type?: string; streams?: number; prefix?: string } = {},
  ): Promise<Position> {
    const { type = 'counted', streams = 5, prefix = 'stream' } = options;
    let last: Position | undefined;
    for (let done = 0; done < count;) {
      const size = Math.min(5, count - done);
      const stream = `${prefix}-${Math.floor(done / 5) % streams}`;
      const events = Array.from({ length: size }, () => this.newEvent(type));
      ({ position: last } = await this.store.append(stream, events));
      done += size;
    }
    if (!last) throw new Error('Nothing to append');
    return last;
  }

  async dump(table: string, readStore = this.readStore): Promise<CountRow[]> {
    return readStore.query<CountRow>(`SELECT * FROM ${table} ORDER BY stream`);
  }

  /** The table a from-scratch build of the projection makes of the whole log, in a new file. */
  async cleanBuild(options: { name?: string; version?: number } = {}): Promise<CountRow[]> {
    const readStore = this.openReadStore(`clean-${randomUUID()}.sqlite`);
    const projection = countingProjection(options);
    const { runner, status } = this.projector([projection], {}, readStore);
    await runner.start();
    const head = await this.store.headPosition();
    if (head) await status.waitForPosition(head, { timeoutMs: 10_000 });
    await runner.stop();
    return this.dump(countsTable(projection.name), readStore);
  }

  async close(): Promise<void> {
    for (const runner of this.runners) await runner.stop();
    for (const readStore of this.readStores) await readStore.close();
    await this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private newEvent(type: string): NewEvent {
    const receivedAt = new Date(T0 + this.appended * 60_000).toISOString();
    this.appended += 1;
    return { id: randomUUID(), type, data: { n: this.appended }, metadata: { receivedAt } };
  }
}

/** The sum of a counting table's events: how many events it has applied. */
export function total(rows: CountRow[]): number {
  return rows.reduce((sum, row) => sum + row.events, 0);
}
