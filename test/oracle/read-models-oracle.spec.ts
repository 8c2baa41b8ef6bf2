import canonicalize from 'canonicalize';
import { startService, type RunningService } from '../support/service.js';
import type { CandidateAnswers } from './answers.js';
import { deliver } from './deliver.js';
import { JsonClient } from './json-client.js';
import { expectedCatalogue, expectedFunnel, expectedOf } from './expected.js';
import { observedAnswers, observedCatalogue, observedFunnel, QueryApi } from './observed.js';
import { arrivalOrder, planHistory } from './planned-history.js';

/**
 * The read stores the oracle runs on, each with the settings that choose it: another read
 * store joins the list with its own.
 */
const READ_STORES = [{ name: 'the embedded read store', env: {} }];

/** How many differing candidates a failure shows. */
const SHOWN = 5;

describe.each(READ_STORES)('the read models on $name, against a planned history', ({ env }) => {
  const history = planHistory({ seed: 23, candidates: 160 });
  const expected = history.candidates.map(expectedOf);
  const client = new JsonClient();
  let service: RunningService;
  let api: QueryApi;
  let observed: CandidateAnswers[];

  beforeAll(async () => {
    service = await startService({
      SQLITE_SYNCHRONOUS: 'NORMAL',
      QUERY_WAIT_TIMEOUT_MS: '60000',
      ...env,
    });
    api = new QueryApi(client, service.queryUrl, await deliver(client, service, history));
    observed = await Promise.all(history.candidates.map((plan) => observedAnswers(api, plan)));
  }, 300_000);

  afterAll(async () => {
    client.close();
    await service.close();
  });

  /** The candidates whose answers differ from the expected ones in one respect. */
  const differing = <K extends keyof CandidateAnswers>(key: K) =>
    expected
      .map((each, i) => ({
        candidate: each.plan.candidate.id,
        expected: each.answers[key],
        observed: observed[i][key],
      }))
      .filter((each) => canonicalize(each.expected) !== canonicalize(each.observed))
      .slice(0, SHOWN);

  it('is a history of a few thousand deliveries with drops, late arrivals and repeats', () => {
    const deliveries = history.candidates.flatMap(arrivalOrder);
    expect(deliveries.length).toBeGreaterThan(2500);
    const happenings = history.candidates.flatMap((plan) => plan.happenings);
    expect(happenings.filter((happening) => happening.fate === 'dropped').length).toBeGreaterThan(
      50,
    );
    expect(happenings.filter((happening) => happening.repeatAfter > 0).length).toBeGreaterThan(50);
    const timelines = expected.map((each) => each.answers.timeline);
    const withGap = timelines.filter((lines) => lines.some((line) => line.expected !== null));
    const withLate = timelines.filter((lines) => lines.some((line) => line.kind === 'late'));
    expect(withGap.length).toBeGreaterThan(10);
    expect(withLate.length).toBeGreaterThan(10);
  });

  it('shows each candidate in the furthest state delivered, never moved back by a late one', () => {
    expect(differing('candidate')).toEqual([]);
  });

  it("keeps each candidate's transitions in arrival order, marking gaps and late deliveries", () => {
    expect(differing('timeline')).toEqual([]);
  });

  it("shows each result's newest state, score and solutions, and its review progress", () => {
    expect(differing('result')).toEqual([]);
  });

  it('lists each review with its newest state and rating, and none that was destroyed', () => {
    expect(differing('reviews')).toEqual([]);
  });

  it('counts candidates and results in the funnel, overall and per assessment', async () => {
    expect(await observedFunnel(api)).toEqual(expectedFunnel(expected));
    for (const assessment of history.catalogue) {
      expect(await observedFunnel(api, assessment.id)).toEqual(
        expectedFunnel(expected, assessment),
      );
    }
  });

  it('lists the assessments, the destroyed one flagged, and the challenges', async () => {
    expect(await observedCatalogue(api)).toEqual(expectedCatalogue(history));
  });
});
