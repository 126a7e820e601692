import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type CircuitState } from '../../src/resilience/index.ts';

type Step =
  | { at: number; admit: 'admitted' | 'probe' | 'refused'; retryInMs?: number }
  | { at: number; verdict: 'succeeded' | 'failed' | 'released' }
  | { at: number; state: CircuitState };

/** Runs the steps on a breaker (threshold 3, open for 1000 ms) and the clock they give. */
function run(steps: Step[], failureThreshold = 3) {
  let clock = 0;
  const changes: string[] = [];
  const breaker = new CircuitBreaker(
    { failureThreshold, openMs: 1000 },
    () => clock,
    (from, to) => changes.push(`${from}->${to}`),
  );
  for (const step of steps) {
    clock = step.at;
    if ('admit' in step) {
      const admission = breaker.admit();
      const seen = !admission.admitted ? 'refused' : admission.probe ? 'probe' : 'admitted';
      expect({ at: step.at, admit: seen }).toEqual({ at: step.at, admit: step.admit });
      if (step.retryInMs !== undefined && !admission.admitted)
        expect(admission.retryInMs).toBe(step.retryInMs);
    } else if ('verdict' in step) {
      breaker[step.verdict]();
    } else {
      expect({ at: step.at, state: breaker.state }).toEqual(step);
    }
  }
  return changes;
}

const fail = (at: number): Step[] => [
  { at, admit: 'admitted' },
  { at, verdict: 'failed' },
];

describe('CircuitBreaker', () => {
  it.each<[string, Step[], string[]]>([
    ['stays closed below the threshold', [...fail(0), ...fail(1), { at: 2, state: 'closed' }], []],
    [
      'a success between failures starts the count again',
      [
        ...fail(0),
        ...fail(1),
        { at: 2, admit: 'admitted' },
        { at: 2, verdict: 'succeeded' },
        ...fail(3),
        ...fail(4),
        { at: 5, state: 'closed' },
      ],
      [],
    ],
    [
      'opens at the threshold and refuses calls with the time left',
      [
        ...fail(0),
        ...fail(1),
        ...fail(2),
        { at: 2, state: 'open' },
        { at: 502, admit: 'refused', retryInMs: 500 },
      ],
      ['closed->open'],
    ],
    [
      'reads as half-open once the open time is over, before any call',
      [...fail(0), ...fail(0), ...fail(0), { at: 999, state: 'open' }, { at: 1000, state: 'half-open' }],
      ['closed->open'],
    ],
    [
      'lets one probe through after the open time, refusing others meanwhile',
      [
        ...fail(0),
        ...fail(0),
        ...fail(0),
        { at: 1000, admit: 'probe' },
        { at: 1001, admit: 'refused', retryInMs: 0 },
        { at: 1001, state: 'half-open' },
      ],
      ['closed->open', 'open->half-open'],
    ],
    [
      'a successful probe closes it',
      [
        ...fail(0),
        ...fail(0),
        ...fail(0),
        { at: 1000, admit: 'probe' },
        { at: 1100, verdict: 'succeeded' },
        { at: 1100, state: 'closed' },
        { at: 1100, admit: 'admitted' },
      ],
      ['closed->open', 'open->half-open', 'half-open->closed'],
    ],
    [
      'a failed probe opens it for another full period',
      [
        ...fail(0),
        ...fail(0),
        ...fail(0),
        { at: 1000, admit: 'probe' },
        { at: 1200, verdict: 'failed' },
        { at: 2199, admit: 'refused', retryInMs: 1 },
        { at: 2200, admit: 'probe' },
      ],
      ['closed->open', 'open->half-open', 'half-open->open', 'open->half-open'],
    ],
    [
      'a probe given up by its client frees the slot for the next call',
      [
        ...fail(0),
        ...fail(0),
        ...fail(0),
        { at: 1000, admit: 'probe' },
        { at: 1001, verdict: 'released' },
        { at: 1002, admit: 'probe' },
      ],
      ['closed->open', 'open->half-open'],
    ],
    [
      'a late answer to a call admitted before the circuit opened does not close it',
      [
        { at: 0, admit: 'admitted' },
        ...fail(0),
        ...fail(0),
        ...fail(0),
        { at: 10, verdict: 'succeeded' },
        { at: 10, state: 'open' },
      ],
      ['closed->open'],
    ],
  ])('%s', (_name, steps, changes) => {
    expect(run(steps)).toEqual(changes);
  });

  it('never opens with a threshold of 0', () => {
    const steps = Array.from({ length: 50 }, (_, i) => fail(i)).flat();
    expect(run([...steps, { at: 60, state: 'closed' }, { at: 60, admit: 'admitted' }], 0)).toEqual([]);
  });
});
