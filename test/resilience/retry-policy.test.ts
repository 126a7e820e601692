import { describe, expect, it } from 'vitest';
import { retryDelayMs, type UpstreamOutcome } from '../../src/resilience/index.ts';

const SETTINGS = { retries: 2, backoffMs: 100 };
const HIGHEST = () => 0.999_999;

describe('retryDelayMs', () => {
  it.each<[string, number, UpstreamOutcome, boolean, number | null]>([
    ['a read that timed out is tried again', 1, 'timeout', true, 99],
    ['a read that found no connection is tried again', 1, 'network', true, 99],
    ['a read answered 502/503/504 is tried again', 1, 'unavailable', true, 99],
    ['the second delay bound doubles', 2, 'unavailable', true, 199],
    ['no third retry with retries = 2', 3, 'unavailable', true, null],
    ['a mutation is never tried again', 1, 'network', false, null],
    ['a refusal (4xx) is not tried again', 1, 'refused', true, null],
    ['a 500 is not tried again (the manager answered)', 1, 'server-error', true, null],
    ['a success is not tried again', 1, 'ok', true, null],
    ['a call the client gave up is not tried again', 1, 'canceled', true, null],
    ['a call the open circuit refused is not tried again', 1, 'circuit-open', true, null],
  ])('%s', (_name, failedAttempts, outcome, readOnly, expected) => {
    expect(retryDelayMs(failedAttempts, outcome, readOnly, SETTINGS, HIGHEST)).toBe(expected);
  });

  it.each([0, 0.25, 0.5, 0.999])('draws the delay from the whole jitter range (random %s)', (random) => {
    expect(retryDelayMs(2, 'timeout', true, SETTINGS, () => random)).toBe(Math.floor(random * 200));
  });

  it('retries nothing with retries = 0', () => {
    expect(retryDelayMs(1, 'timeout', true, { retries: 0, backoffMs: 100 }, HIGHEST)).toBeNull();
  });
});
