import { judgeStateReport, type CandidateHead, type StateVerdict } from './candidate-state.js';

const head = (state: string, prevState: string | null): CandidateHead => ({ state, prevState });
const report = (prevState: string | null, state: string | null, staleCarrier = false) => ({
  candidateId: 'c',
  prevState,
  state,
  staleCarrier,
});

describe('judging what a delivery says about a candidate state', () => {
  const cases: [string, CandidateHead | undefined, ReturnType<typeof report>, StateVerdict][] = [
    [
      'a first report is a transition',
      undefined,
      report('idle', 'invited'),
      { kind: 'transition', from: 'idle', to: 'invited', expected: null },
    ],
    [
      'a report that follows the known state',
      head('invited', 'idle'),
      report('invited', 'started'),
      { kind: 'transition', from: 'invited', to: 'started', expected: null },
    ],
    [
      'the known state again changes nothing',
      head('started', 'invited'),
      report('invited', 'started'),
      { kind: 'unchanged' },
    ],
    [
      'a report without a state changes nothing',
      head('started', 'invited'),
      report(null, null),
      { kind: 'unchanged' },
    ],
    [
      'a prev_state other than the known state is a gap',
      head('invited', 'idle'),
      report('started', 'submitted'),
      { kind: 'transition', from: 'started', to: 'submitted', expected: 'invited' },
    ],
    [
      'without a prev_state it starts from the known state',
      head('invited', 'idle'),
      report(null, 'started'),
      { kind: 'transition', from: 'invited', to: 'started', expected: null },
    ],
    [
      'the transition into the state just left is late',
      head('submitted', 'started'),
      report('invited', 'started'),
      { kind: 'late', from: 'invited', to: 'started' },
    ],
    [
      'a return to the state just left is a transition',
      head('reviewed', 'submitted'),
      report('reviewed', 'submitted'),
      { kind: 'transition', from: 'reviewed', to: 'submitted', expected: null },
    ],
    [
      'a report on a stale result is late',
      head('reviewed', 'submitted'),
      report('invited', 'started', true),
      { kind: 'late', from: 'invited', to: 'started' },
    ],
    [
      'a stale report of the known state changes nothing',
      head('started', 'invited'),
      report('invited', 'started', true),
      { kind: 'unchanged' },
    ],
    [
      'an unknown state is a state like any other',
      head('approved', 'reviewed'),
      report('approved', 'onboarding'),
      { kind: 'transition', from: 'approved', to: 'onboarding', expected: null },
    ],
  ];

  it.each(cases)('%s', (_name, known, reported, verdict) => {
    expect(judgeStateReport(known, reported)).toEqual(verdict);
  });
});
