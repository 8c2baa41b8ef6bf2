import type { SqlExecutor } from '../../readstore/read-store.port.js';
import { liveTables } from '../projection.js';
import { Conditions } from '../shared/conditions.js';
import {
  decodeCursor,
  pageSize,
  toPage,
  type Page,
  type PageRequest,
} from '../shared/pagination.js';
import { bool, parseList } from '../shared/values.js';
import { normaliseSearch } from './team-candidate-row.js';
import { teamCandidatesProjection } from './team-candidates.projection.js';
import {
  CANDIDATE_COLUMNS,
  selectCandidateSql,
  type CandidateRow,
} from './team-candidates.tables.js';

export interface TeamCandidateView {
  id: string;
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  anonymousName: string | null;
  state: string | null;
  prevState: string | null;
  labels: string[];
  testTeamMember: boolean | null;
  assessmentResultsCount: number | null;
  highestScore: number | null;
  firstSeenAt: string;
  lastActivityAt: string;
}

export interface TeamCandidateQuery extends PageRequest {
  state?: string;
  label?: string;
  assessmentId?: string;
  /** Matches the start of a name, of any word in it, or of the email; case-insensitive. */
  search?: string;
}

const t = liveTables(teamCandidatesProjection);

// Above every character, so that [prefix, prefix + MAX_CHAR) holds exactly the terms with the prefix.
const MAX_CHAR = '\u{10FFFF}';

export async function getTeamCandidate(
  db: SqlExecutor,
  id: string,
): Promise<TeamCandidateView | undefined> {
  const [row] = await db.query<CandidateRow>(selectCandidateSql(t), [id]);
  return row && toView(row);
}

/** Candidates with the newest activity first. */
export async function listTeamCandidates(
  db: SqlExecutor,
  query: TeamCandidateQuery = {},
): Promise<Page<TeamCandidateView>> {
  const size = pageSize(query.limit);
  const conditions = new Conditions()
    .addIf(query.state, 'state = ?')
    .addIf(
      query.label,
      `id IN (SELECT candidate_id FROM ${t.team_candidate_labels} WHERE label = ?)`,
    )
    .addIf(
      query.assessmentId,
      `id IN (SELECT candidate_id FROM ${t.team_candidate_results} WHERE assessment_id = ?)`,
    );
  const search = query.search === undefined ? '' : normaliseSearch(query.search);
  if (search) {
    conditions.add(
      `id IN (SELECT candidate_id FROM ${t.team_candidate_search_terms} WHERE term >= ? AND term < ?)`,
      search,
      search + MAX_CHAR,
    );
  }
  if (query.after) {
    const [lastActivityAt, id] = decodeCursor(query.after, ['string', 'string']);
    conditions.add('(last_activity_at, id) < (?, ?)', lastActivityAt, id);
  }
  const rows = await db.query<CandidateRow>(
    `SELECT ${CANDIDATE_COLUMNS.join(', ')} FROM ${t.team_candidates} ${conditions.where}
     ORDER BY last_activity_at DESC, id DESC LIMIT ?`,
    [...conditions.params, size + 1],
  );
  return toPage(rows, size, toView, (row) => [row.last_activity_at, row.id]);
}

function toView(row: CandidateRow): TeamCandidateView {
  return {
    id: row.id,
    name: row.name,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    anonymousName: row.anonymous_name,
    state: row.state,
    prevState: row.prev_state,
    labels: parseList<string>(row.labels),
    testTeamMember: bool(row.test_team_member),
    assessmentResultsCount: row.assessment_results_count,
    highestScore: row.highest_score,
    firstSeenAt: row.first_seen_at,
    lastActivityAt: row.last_activity_at,
  };
}
