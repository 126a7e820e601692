import { describe, expect, it } from 'vitest';
import { canonicalJson, deepEqual, instantOf, preview } from '../../src/compare/index.ts';

const INSTANTS = { timesAsInstants: true };
const TEXT = { timesAsInstants: false };

describe('instantOf', () => {
  it.each([
    ['2024-01-01T00:00:00.031000Z', '2024-01-01T00:00:00.031+00:00'],
    ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00.000000+00:00'],
    ['2024-01-01T09:00:00+09:00', '2024-01-01T00:00:00Z'],
    ['2023-12-31T19:30:00-04:30', '2024-01-01T00:00:00z'],
    ['2024-01-01 00:00:00.5+0000', '2024-01-01T00:00:00.500Z'],
  ])('%s names the same instant as %s', (a, b) => {
    expect(instantOf(a)).not.toBeNull();
    expect(instantOf(a)).toBe(instantOf(b));
  });

  it.each([
    ['microseconds apart', '2024-01-01T00:00:00.031001Z', '2024-01-01T00:00:00.031Z'],
    ['an hour apart', '2024-01-01T01:00:00+00:00', '2024-01-01T01:00:00+01:00'],
  ])('tells instants %s apart', (_name, a, b) => {
    expect(instantOf(a)).not.toBe(instantOf(b));
  });

  it.each([
    'not a time',
    '2024-01-01',
    '2024-01-01T00:00:00',
    '2024-13-45T00:00:00Z extra',
    'cursor:v1:2024-01-01T00:00:00Z',
  ])('names no instant for %j', (text) => {
    expect(instantOf(text)).toBeNull();
  });
});

describe('deepEqual', () => {
  it.each([
    ['equal objects in another key order', { a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }, true],
    ['a list in another order', [1, 2], [2, 1], false],
    ['a missing key', { a: 1 }, { a: 1, b: null }, false],
    ['null and an empty object', null, {}, false],
    ['a number and its text', 1, '1', false],
    [
      'one time written two ways',
      { t: '2024-01-01T00:00:00.031000Z' },
      { t: '2024-01-01T00:00:00.031+00:00' },
      true,
    ],
  ])('%s: %s', (_name, a, b, equal) => {
    expect(deepEqual(a, b, INSTANTS)).toBe(equal);
  });

  it('compares times as text when asked to', () => {
    expect(deepEqual('2024-01-01T00:00:00Z', '2024-01-01T00:00:00+00:00', TEXT)).toBe(false);
  });
});

describe('canonicalJson and preview', () => {
  it('writes equal objects alike whatever their key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe(canonicalJson({ a: [{ c: 2, d: 1 }], b: 1 }));
  });

  it('shortens long values and names an absent one', () => {
    expect(preview('x'.repeat(500), 20)).toHaveLength(20);
    expect(preview(undefined)).toBe('(absent)');
  });
});
