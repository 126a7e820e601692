import { describe, expect, it } from 'vitest';
import {
  isAnswer,
  isUnreachable,
  outcomeOfStatus,
  type UpstreamOutcome,
} from '../../src/resilience/index.ts';

describe('outcomeOfStatus', () => {
  it.each<[number, UpstreamOutcome]>([
    [200, 'ok'],
    [204, 'ok'],
    [304, 'ok'],
    [400, 'refused'],
    [401, 'refused'],
    [403, 'refused'],
    [404, 'refused'],
    [500, 'server-error'],
    [501, 'server-error'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'unavailable'],
    [505, 'server-error'],
  ])('HTTP %i is %s', (status, outcome) => {
    expect(outcomeOfStatus(status)).toBe(outcome);
  });
});

describe('what an outcome says about the manager', () => {
  it.each<[UpstreamOutcome, boolean, boolean]>([
    ['ok', false, true],
    ['refused', false, true],
    ['server-error', false, true],
    ['unavailable', true, false],
    ['timeout', true, false],
    ['network', true, false],
    ['canceled', false, false],
    ['circuit-open', false, false],
  ])('%s: unreachable %s, an answer %s', (outcome, unreachable, answer) => {
    expect(isUnreachable(outcome)).toBe(unreachable);
    expect(isAnswer(outcome)).toBe(answer);
  });
});
