import { useProjectionHarness } from '../../../test/support/projection-harness.js';
import { at, objectId } from '../../../test/support/scenario.js';
import { fixtureEvent } from '../../../test/support/stored-events.js';
import { teamCandidatesProjection } from './team-candidates.projection.js';
import { listTeamCandidates } from './team-candidates.reader.js';

describe('listing team candidates', () => {
  const harness = useProjectionHarness(teamCandidatesProjection);
  const people = [
    ['Grace Hopper', 'grace@navy.example', 'submitted'],
    ['Ada Lovelace', 'ada@example.com', 'invited'],
    ['Alan Turing', 'alan@bletchley.example', 'submitted'],
    ['Katherine Johnson', 'kj@nasa.example', 'started'],
    ['José Ortiz', 'j.ortiz@example.com', 'rejected'],
  ] as const;

  beforeEach(async () => {
    await harness().given(
      people.map(([name, email, state], i) =>
        fixtureEvent('team_candidate_state_changed', {
          receivedAt: at(i),
          patch: { id: objectId('candidate', i + 1), name, email, state, prev_state: 'idle' },
        }),
      ),
    );
  });

  const names = async (query: Parameters<typeof listTeamCandidates>[1]) =>
    (await listTeamCandidates(harness().store, query)).items.map((c) => c.name);

  it('lists the newest activity first, page by page', async () => {
    const first = await listTeamCandidates(harness().store, { limit: 3 });
    expect(first.items.map((c) => c.name)).toEqual([
      'José Ortiz',
      'Katherine Johnson',
      'Alan Turing',
    ]);
    const second = await listTeamCandidates(harness().store, { limit: 3, after: first.next });
    expect(second.items.map((c) => c.name)).toEqual(['Ada Lovelace', 'Grace Hopper']);
    expect(second.next).toBeNull();
  });

  it('filters by state', async () => {
    expect(await names({ state: 'submitted' })).toEqual(['Alan Turing', 'Grace Hopper']);
  });

  it('finds candidates by the start of their name, of a word in it, or of their email', async () => {
    expect(await names({ search: 'Al' })).toEqual(['Alan Turing']);
    expect(await names({ search: 'lovel' })).toEqual(['Ada Lovelace']);
    expect(await names({ search: 'KJ@' })).toEqual(['Katherine Johnson']);
    expect(await names({ search: 'a' })).toEqual(['Alan Turing', 'Ada Lovelace']);
    expect(await names({ search: 'JOS' })).toEqual(['José Ortiz']);
    expect(await names({ search: 'josé o' })).toEqual(['José Ortiz']);
  });

  it('rejects a cursor it did not make', async () => {
    await expect(listTeamCandidates(harness().store, { after: 'bogus' })).rejects.toThrow(
      'is not a cursor',
    );
  });
});
