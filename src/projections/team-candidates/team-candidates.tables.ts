import { defineTable, type RowOf } from '../../readstore/table.js';
import { candidateStates } from '../shared/candidate-state.js';
import { resultProgress } from '../shared/result-progress.js';

/** One candidate as stored; `labels` is a JSON list, `test_team_member` 0 or 1. */
const candidates = defineTable({
  columns: {
    id: { type: 'text' },
    name: { type: 'text', nullable: true },
    first_name: { type: 'text', nullable: true },
    last_name: { type: 'text', nullable: true },
    email: { type: 'text', nullable: true },
    anonymous_name: { type: 'text', nullable: true },
    state: { type: 'text', nullable: true },
    prev_state: { type: 'text', nullable: true },
    labels: { type: 'text' },
    test_team_member: { type: 'integer', nullable: true },
    assessment_results_count: { type: 'integer', nullable: true },
    highest_score: { type: 'real', nullable: true },
    first_seen_at: { type: 'text' },
    last_activity_at: { type: 'text' },
  },
  key: ['id'],
  indexes: {
    by_activity: ['last_activity_at', 'id'],
    by_state: ['state', 'last_activity_at', 'id'],
  },
});

const labels = defineTable({
  columns: { candidate_id: { type: 'text' }, label: { type: 'text' } },
  key: ['candidate_id', 'label'],
  owner: 'candidate_id',
  indexes: { by_label: ['label', 'candidate_id'] },
});

/** Lower-case names, their words and the email, for prefix search through an index. */
const searchTerms = defineTable({
  columns: { candidate_id: { type: 'text' }, term: { type: 'text' } },
  key: ['candidate_id', 'term'],
  owner: 'candidate_id',
  indexes: { by_term: ['term', 'candidate_id'] },
});

/** The results known for each candidate, from result and solution payloads. */
const results = defineTable({
  columns: {
    result_id: { type: 'text' },
    candidate_id: { type: 'text' },
    assessment_id: { type: 'text', nullable: true },
    score: { type: 'real', nullable: true },
  },
  key: ['result_id'],
  indexes: { by_candidate: ['candidate_id'], by_assessment: ['assessment_id', 'candidate_id'] },
});

/** Each candidate's result ids (a JSON list in the order they were linked), to find its results by key. */
const resultLists = defineTable({
  columns: { candidate_id: { type: 'text' }, result_ids: { type: 'text' } },
  key: ['candidate_id'],
});

export const TEAM_CANDIDATE_TABLES = {
  team_candidates: candidates,
  team_candidate_labels: labels,
  team_candidate_search_terms: searchTerms,
  team_candidate_results: results,
  team_candidate_result_lists: resultLists,
  team_candidate_states: candidateStates,
  team_candidate_result_progress: resultProgress,
};

export type CandidateRow = RowOf<typeof candidates.columns>;
export type ResultLinkRow = RowOf<typeof results.columns>;
export const CANDIDATE_COLUMNS = candidates.columnNames;

type Tables = Readonly<Record<keyof typeof TEAM_CANDIDATE_TABLES, string>>;

export function selectCandidateSql(t: Tables): string {
  return `SELECT ${CANDIDATE_COLUMNS.join(', ')} FROM ${t.team_candidates} WHERE id = ?`;
}
