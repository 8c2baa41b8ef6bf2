import type {
  ProjectionStatus,
  RebuildProgress,
} from '../../projections/runner/projection-status.service.js';
import { textTable } from '../text-table.js';
import type { StatusReport } from './read-status.js';

const HEADER = [
  'PROJECTION',
  'VERSION',
  'STATE',
  'CHECKPOINT',
  'LAG (EVENTS)',
  'LAG (S)',
  'PARKED',
  'REBUILD',
];

/** The status as a person reads it: facts about the service, a table of projections, errors. */
export function statusText(report: StatusReport): string {
  const table = textTable([HEADER, ...report.projections.map(projectionRow)]);
  return [textTable(facts(report)), '', table, ...errors(report.projections)].join('\n');
}

function facts(report: StatusReport): string[][] {
  const rows = [
    ['Event store', `${report.eventStore}, head at ${report.head ?? '- (empty log)'}`],
    ['Projector', projector(report)],
    ['Parked events', String(report.parked)],
  ];
  if (report.spoolDepth !== null) {
    rows.push(['Spool', `${report.spoolDepth} deliveries waiting for EventStoreDB`]);
  }
  return rows;
}

function projector({ projector }: StatusReport): string {
  if (!projector) return 'none running: the read models are not being updated';
  return `running: ${projector.holder} (since ${projector.acquiredAt})`;
}

function projectionRow(status: ProjectionStatus): string[] {
  const { liveVersion, version, lag } = status;
  return [
    status.name,
    liveVersion === null || liveVersion === version ? `${version}` : `${liveVersion} -> ${version}`,
    status.state,
    status.checkpoint ?? '-',
    lag.events === null ? '?' : `${lag.events}`,
    lag.seconds === null ? '-' : lag.seconds.toFixed(1),
    `${status.parked}`,
    status.rebuild ? rebuildCell(status.rebuild) : '-',
  ];
}

function rebuildCell(rebuild: RebuildProgress): string {
  const { eventsDone, eventsTotal, rate } = rebuild;
  const done =
    eventsTotal === null
      ? `${eventsDone} events`
      : `${eventsDone}/${eventsTotal} (${percent(eventsDone, eventsTotal)}%)`;
  return rate === null ? done : `${done}, ${Math.round(rate)} events/s`;
}

function percent(done: number, total: number): number {
  return total === 0 ? 100 : Math.floor((100 * done) / total);
}

function errors(projections: readonly ProjectionStatus[]): string[] {
  const failing = projections.filter((status) => status.error !== null);
  if (failing.length === 0) return [];
  return ['', ...failing.map((status) => `${status.name}: ${status.error!.split('\n')[0]}`)];
}
