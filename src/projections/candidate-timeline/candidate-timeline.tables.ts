import { defineTable, type RowOf } from '../../readstore/table.js';
import { candidateStates } from '../shared/candidate-state.js';
import { resultProgress } from '../shared/result-progress.js';

export type EntryKind = 'transition' | 'late' | 'label_added' | 'label_removed' | 'review';

/** One entry of a candidate's timeline; `seq` orders a candidate's entries from 1. */
const entries = defineTable({
  columns: {
    candidate_id: { type: 'text' },
    seq: { type: 'integer' },
    kind: { type: 'text' },
    from_state: { type: 'text', nullable: true },
    to_state: { type: 'text', nullable: true },
    /** On a transition whose prev_state is not the last known state: that state. */
    expected_state: { type: 'text', nullable: true },
    label: { type: 'text', nullable: true },
    result_id: { type: 'text', nullable: true },
    review_id: { type: 'text', nullable: true },
    review_state: { type: 'text', nullable: true },
    at: { type: 'text' },
    event_id: { type: 'text' },
    event_type: { type: 'text' },
    event_name: { type: 'text' },
  },
  key: ['candidate_id', 'seq'],
  indexes: { by_kind_at: ['candidate_id', 'kind', 'at', 'seq'] },
});

/** How many entries each candidate's timeline has: the next entry's seq is one more. */
const lengths = defineTable({
  columns: { candidate_id: { type: 'text' }, entries: { type: 'integer' } },
  key: ['candidate_id'],
});

export const CANDIDATE_TIMELINE_TABLES = {
  candidate_timeline: entries,
  candidate_timeline_lengths: lengths,
  candidate_timeline_states: candidateStates,
  candidate_timeline_result_progress: resultProgress,
};

export type EntryRow = RowOf<typeof entries.columns> & { kind: EntryKind };
export const ENTRY_COLUMNS = entries.columnNames;
