import type { SqlExecutor } from '../../readstore/read-store.port.js';
import { liveTables } from '../projection.js';
import { Conditions } from '../shared/conditions.js';
import {
  decodeCursor,
  MAX_PAGE_SIZE,
  pageSize,
  toPage,
  type Page,
  type PageRequest,
} from '../shared/pagination.js';
import { candidateTimelineProjection } from './candidate-timeline.projection.js';
import { ENTRY_COLUMNS, type EntryKind, type EntryRow } from './candidate-timeline.tables.js';

export interface TimelineEntryView {
  seq: number;
  kind: EntryKind;
  /** Transitions and late deliveries: the states reported. */
  from: string | null;
  to: string | null;
  /** A gap: the state the transition should have started from (a delivery went missing). */
  expected: string | null;
  label: string | null;
  resultId: string | null;
  reviewId: string | null;
  reviewState: string | null;
  /** When the delivery was received. */
  at: string;
  eventId: string;
  eventType: string;
  /** The event name as the sender spelled it. */
  eventName: string;
}

export interface StateAt {
  state: string;
  /** When the transition into it was received. */
  since: string;
  eventId: string;
}

export interface TimelineQuery extends PageRequest {
  /** ISO-8601: only the entries received by then. */
  asOf?: string;
}

const t = liveTables(candidateTimelineProjection);

/** A candidate's timeline, oldest entry first. */
export async function getCandidateTimeline(
  db: SqlExecutor,
  candidateId: string,
  query: TimelineQuery = {},
): Promise<Page<TimelineEntryView>> {
  const size = pageSize(query.limit);
  const [afterSeq] = query.after ? decodeCursor(query.after, ['number']) : [0];
  const conditions = new Conditions()
    .add('candidate_id = ?', candidateId)
    .add('seq > ?', afterSeq)
    .addIf(query.asOf === undefined ? undefined : isoTime(query.asOf), 'at <= ?');
  const rows = await db.query<EntryRow>(
    `SELECT ${ENTRY_COLUMNS.join(', ')} FROM ${t.candidate_timeline} ${conditions.where}
     ORDER BY seq LIMIT ?`,
    [...conditions.params, size + 1],
  );
  return toPage(rows, size, toView, (row) => [row.seq]);
}

/** The whole timeline (up to `asOf`), oldest entry first, read a page at a time as it is consumed. */
export async function* timelineEntries(
  db: SqlExecutor,
  candidateId: string,
  query: { asOf?: string } = {},
): AsyncGenerator<TimelineEntryView> {
  let after: string | null = null;
  do {
    const page = await getCandidateTimeline(db, candidateId, {
      ...query,
      limit: MAX_PAGE_SIZE,
      after,
    });
    yield* page.items;
    after = page.next;
  } while (after);
}

/** The candidate's state at a time: the last transition received by then. */
export async function candidateStateAt(
  db: SqlExecutor,
  candidateId: string,
  time: string,
): Promise<StateAt | undefined> {
  const [row] = await db.query<{ to_state: string; at: string; event_id: string }>(
    `SELECT to_state, at, event_id FROM ${t.candidate_timeline}
     WHERE candidate_id = ? AND kind = 'transition' AND at <= ?
     ORDER BY at DESC, seq DESC LIMIT 1`,
    [candidateId, isoTime(time)],
  );
  return row && { state: row.to_state, since: row.at, eventId: row.event_id };
}

/** A time in the one form entries are stored in, so that text order is time order. */
function isoTime(time: string): string {
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) throw new RangeError(`"${time}" is not an ISO-8601 time`);
  return new Date(ms).toISOString();
}

function toView(row: EntryRow): TimelineEntryView {
  return {
    seq: row.seq,
    kind: row.kind,
    from: row.from_state,
    to: row.to_state,
    expected: row.expected_state,
    label: row.label,
    resultId: row.result_id,
    reviewId: row.review_id,
    reviewState: row.review_state,
    at: row.at,
    eventId: row.event_id,
    eventType: row.event_type,
    eventName: row.event_name,
  };
}
