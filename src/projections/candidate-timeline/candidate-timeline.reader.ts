import type { SqlExecutor } from '../../readstore/read-store.port.js';
import { liveTables } from '../projection.js';
import {
  decodeCursor,
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

const t = liveTables(candidateTimelineProjection);

/** A candidate's timeline, oldest entry first. */
export async function getCandidateTimeline(
  db: SqlExecutor,
  candidateId: string,
  page: PageRequest = {},
): Promise<Page<TimelineEntryView>> {
  const size = pageSize(page.limit);
  const [afterSeq] = page.after ? decodeCursor(page.after, ['number']) : [0];
  const rows = await db.query<EntryRow>(
    `SELECT ${ENTRY_COLUMNS.join(', ')} FROM ${t.candidate_timeline}
     WHERE candidate_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
    [candidateId, afterSeq, size + 1],
  );
  return toPage(rows, size, toView, (row) => [row.seq]);
}

/** The candidate's state at a time: the last transition received by then. */
export async function candidateStateAt(
  db: SqlExecutor,
  candidateId: string,
  time: string,
): Promise<StateAt | undefined> {
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) throw new RangeError(`"${time}" is not an ISO-8601 time`);
  const [row] = await db.query<{ to_state: string; at: string; event_id: string }>(
    `SELECT to_state, at, event_id FROM ${t.candidate_timeline}
     WHERE candidate_id = ? AND kind = 'transition' AND at <= ?
     ORDER BY at DESC, seq DESC LIMIT 1`,
    [candidateId, new Date(ms).toISOString()],
  );
  return row && { state: row.to_state, since: row.at, eventId: row.event_id };
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
