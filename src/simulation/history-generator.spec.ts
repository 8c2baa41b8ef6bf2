import {
  FIXTURE_TYPES,
  loadFixture,
  type FixtureType,
} from '../../test/fixtures/webhooks/index.js';
import { resolveEventName, streamFor } from '../events/event-catalog.js';
import { resultStateRank } from '../projections/shared/state-order.js';
import { generateHistory } from './history-generator.js';
import type { StoredEvent } from './stored-events.js';

const history = generateHistory({ seed: 7, candidates: 120, events: 4000 });
const names = history.events.map((event) => String(event.metadata.eventName));

describe('history generator', () => {
  it('makes the same history from the same seed, another from another', () => {
    expect(generateHistory({ seed: 7, candidates: 120, events: 4000 })).toEqual(history);
    const other = generateHistory({ seed: 8, candidates: 120, events: 4000 });
    expect(other.events.map((e) => e.id)).not.toEqual(history.events.map((e) => e.id));
  });

  it('stores about the number of events asked for, across the candidates asked for', () => {
    expect(history.events.length).toBeGreaterThan(3600);
    expect(history.events.length).toBeLessThan(4400);
    const candidates = new Set(
      history.events.filter((e) => e.stream.startsWith('teamCandidate-')).map((e) => e.stream),
    );
    expect(candidates.size).toBeGreaterThan(110);
    expect(candidates.size).toBeLessThanOrEqual(120);
  });

  it('stores events as ingestion does, in the order received', () => {
    const times = history.events.map((event) => String(event.metadata.receivedAt));
    expect(times).toEqual([...times].sort());
    const misfiled = history.events.filter((event) => {
      const entry = resolveEventName(event.type);
      const name = resolveEventName(String(event.metadata.eventName));
      return (
        entry &&
        (event.stream !== streamFor(entry.resource, String(event.data.id)) ||
          name?.type !== event.type)
      );
    });
    expect(misfiled).toEqual([]);
    expect(history.events[0].metadata).toEqual({
      schemaVersion: 1,
      deliveryId: history.events[0].id,
      receivedAt: times[0],
      eventName: expect.any(String),
      contentHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      tokenName: 'default',
      userAgent: expect.any(String),
    });
  });

  it('makes payloads with the fields of the webhook fixtures', () => {
    const fixtures = new Set<string>(FIXTURE_TYPES);
    const fieldsByType = new Map<string, Set<string>>();
    for (const event of history.events.filter((e) => fixtures.has(e.type))) {
      const fields = fieldsByType.get(event.type) ?? new Set();
      for (const field of Object.keys(event.data)) fields.add(field);
      fieldsByType.set(event.type, fields);
    }
    expect(fieldsByType.size).toBeGreaterThan(15);
    for (const [type, fields] of fieldsByType) {
      const expected = Object.keys(loadFixture(type as FixtureType).data).sort();
      expect({ type, fields: [...fields].sort() }).toEqual({ type, fields: expected });
    }
  });

  it('uses both generations of event names', () => {
    expect(names.filter((name) => name.includes('.')).length).toBeGreaterThan(100);
    expect(names).toContain('team_candidate_submitted_assessment');
    expect(names).toContain('assessment_result_submitted');
  });

  it('repeats some deliveries, delivers some late and loses some', () => {
    const seen = new Set<string>();
    const repeats = history.events.filter((event) => {
      const key = `${event.stream} ${String(event.metadata.contentHash)}`;
      return seen.has(key) || !seen.add(key);
    });
    expect(repeats.length).toBeGreaterThan(50);
    expect(resultsGoingBack(history.events)).toBeGreaterThan(5);
    expect(history.stats.missing).toBeGreaterThan(10);
    expect(history.stats.noise).toBeGreaterThan(5);
  });
});

/** Result streams in which a later delivery reports an earlier state: out-of-order arrivals. */
function resultsGoingBack(events: StoredEvent[]): number {
  const highest = new Map<string, number>();
  let going = 0;
  for (const event of events.filter((e) => e.stream.startsWith('assessmentResult-'))) {
    const rank = resultStateRank(event.data.state) ?? 0;
    if (rank < (highest.get(event.stream) ?? 0)) going += 1;
    highest.set(event.stream, Math.max(rank, highest.get(event.stream) ?? 0));
  }
  return going;
}
