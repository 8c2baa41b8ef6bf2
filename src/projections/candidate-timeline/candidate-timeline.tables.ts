import type { TableNames } from '../projection.js';
import { candidateStatesSchema } from '../shared/candidate-state.js';
import { appliedDeliveriesSchema } from '../shared/delivery.js';
import { resultProgressSchema } from '../shared/result-progress.js';

export const CANDIDATE_TIMELINE_TABLES = [
  'candidate_timeline',
  'candidate_timeline_states',
  'candidate_timeline_result_progress',
  'candidate_timeline_deliveries',
] as const;

export type CandidateTimelineTable = (typeof CANDIDATE_TIMELINE_TABLES)[number];
type Tables = TableNames<CandidateTimelineTable>;

export type EntryKind = 'transition' | 'late' | 'label_added' | 'label_removed' | 'review';

/** One entry of a candidate's timeline; `seq` orders a candidate's entries from 1. */
export interface EntryRow {
  candidate_id: string;
  seq: number;
  kind: EntryKind;
  from_state: string | null;
  to_state: string | null;
  /** On a transition whose prev_state is not the last known state: that state. */
  expected_state: string | null;
  label: string | null;
  result_id: string | null;
  review_id: string | null;
  review_state: string | null;
  at: string;
  event_id: string;
  event_type: string;
  event_name: string;
}

export const ENTRY_COLUMNS = [
  'candidate_id',
  'seq',
  'kind',
  'from_state',
  'to_state',
  'expected_state',
  'label',
  'result_id',
  'review_id',
  'review_state',
  'at',
  'event_id',
  'event_type',
  'event_name',
] as const satisfies readonly (keyof EntryRow)[];

export function candidateTimelineSchema(t: Tables): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${t.candidate_timeline} (
      candidate_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      kind TEXT NOT NULL,
      from_state TEXT,
      to_state TEXT,
      expected_state TEXT,
      label TEXT,
      result_id TEXT,
      review_id TEXT,
      review_state TEXT,
      at TEXT NOT NULL,
      event_id TEXT NOT NULL,
      event_type TEXT NOT NULL,
      event_name TEXT NOT NULL,
      PRIMARY KEY (candidate_id, seq)
    )`,
    `CREATE INDEX IF NOT EXISTS ${t.candidate_timeline}_by_kind_at
      ON ${t.candidate_timeline} (candidate_id, kind, at, seq)`,
    ...candidateStatesSchema(t.candidate_timeline_states),
    ...resultProgressSchema(t.candidate_timeline_result_progress),
    ...appliedDeliveriesSchema(t.candidate_timeline_deliveries),
  ];
}

export function appendEntrySql(t: Tables): string {
  const values = ENTRY_COLUMNS.map((column) =>
    column === 'seq'
      ? `(SELECT COALESCE(MAX(seq), 0) + 1 FROM ${t.candidate_timeline} WHERE candidate_id = ?)`
      : '?',
  );
  return `INSERT INTO ${t.candidate_timeline} (${ENTRY_COLUMNS.join(', ')}) VALUES (${values.join(', ')})`;
}
