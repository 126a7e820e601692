import { describe, expect, it } from 'vitest';
import {
  type CompareRules,
  diffValues,
  field,
  type Json,
  NO_RULES,
  type Observation,
  parseRules,
} from '../../src/compare/index.ts';

function diff(control: Json, candidate: Json, rules: CompareRules = NO_RULES) {
  const observations: Observation[] = [];
  diffValues(control, candidate, [field('root')], rules, (o) => observations.push(o));
  return observations.map((o) => [o.at, o.outcome, ...(o.reason ? [o.reason] : [])]);
}

describe('diffValues', () => {
  it.each<[string, Json, Json, unknown[]]>([
    [
      'equal scalars',
      { a: 1, b: 'x' },
      { a: 1, b: 'x' },
      [
        ['root.a', 'matched'],
        ['root.b', 'matched'],
      ],
    ],
    ['a differing scalar', { a: 1 }, { a: 2 }, [['root.a', 'mismatched']]],
    [
      'a field only the candidate has',
      { a: 1 },
      { a: 1, b: 2 },
      [
        ['root.a', 'matched'],
        ['root.b', 'mismatched'],
      ],
    ],
    ['an object against null', { a: { b: 1 } }, { a: null }, [['root.a', 'mismatched']]],
    [
      'a list item too many',
      [1],
      [1, 2],
      [
        ['root[0]', 'matched'],
        ['root[1]', 'mismatched'],
      ],
    ],
    [
      'lists in another order, by position',
      [1, 2],
      [2, 1],
      [
        ['root[0]', 'mismatched'],
        ['root[1]', 'mismatched'],
      ],
    ],
    [
      'the same instant written two ways',
      '2024-01-01T00:00:00.031000Z',
      '2024-01-01T00:00:00.031+00:00',
      [['root', 'matched']],
    ],
    ['a number against its text', 5, '5', [['root', 'mismatched']]],
    ['empty lists on both sides', [], [], []],
  ])('%s', (_name, control, candidate, expected) => {
    expect(diff(control, candidate)).toEqual(expected);
  });

  it('keeps both values of what did not match, and none of what did', () => {
    const observations: Observation[] = [];
    diffValues({ a: 1, b: 'x' }, { a: 1, b: 'y' }, [], NO_RULES, (o) => observations.push(o));
    expect(observations).toEqual([
      { path: 'a', at: 'a', outcome: 'matched' },
      { path: 'b', at: 'b', outcome: 'mismatched', control: 'x', candidate: 'y' },
    ]);
  });

  it('compares times as text where the rules say exact', () => {
    const exact = parseRules({ times: 'exact' });
    expect(diff('2024-01-01T00:00:00Z', '2024-01-01T00:00:00+00:00', exact)).toEqual([
      ['root', 'mismatched'],
    ]);
  });
});

describe('diffValues with ignore rules', () => {
  it('skips a path and everything under it, once', () => {
    const rules = parseRules({ skip: ['root.a'] });
    expect(diff({ a: { b: 1, c: 2 }, d: 1 }, { a: { b: 9, c: 9 }, d: 1 }, rules)).toEqual([
      ['root.a', 'ignored', 'skip root.a'],
      ['root.d', 'matched'],
    ]);
  });

  it('pairs set items by their key, whatever their order', () => {
    const rules = parseRules({ sets: [{ path: '**.limits', key: 'key' }] });
    const control = {
      limits: [
        { key: 'cpu', min: '1' },
        { key: 'mem', min: '1g' },
      ],
    };
    const candidate = {
      limits: [
        { key: 'mem', min: '2g' },
        { key: 'cpu', min: '1' },
        { key: 'tpu', min: '1' },
      ],
    };
    expect(diff(control, candidate, rules)).toEqual([
      ['root.limits[key=cpu].key', 'matched'],
      ['root.limits[key=cpu].min', 'matched'],
      ['root.limits[key=mem].key', 'matched'],
      ['root.limits[key=mem].min', 'mismatched'],
      ['root.limits[key=tpu]', 'mismatched'],
    ]);
  });

  it('pairs set items by their whole value without a key, counting repeats', () => {
    const rules = parseRules({ sets: [{ path: 'root' }] });
    expect(diff(['a', 'b', 'b'], ['b', 'a', 'c'], rules)).toEqual([
      ['root[0]', 'matched'],
      ['root[1]', 'matched'],
      ['root[2]', 'mismatched'],
      ['root[+2]', 'mismatched'],
    ]);
  });

  it('notes the same items in another order once, as ignored by the set rule', () => {
    const rules = parseRules({ sets: [{ path: 'root', key: 'key' }] });
    const items = [{ key: 'a' }, { key: 'b' }];
    expect(diff(items, [...items].reverse(), rules)).toEqual([['root', 'ignored', 'set root']]);
    expect(diff(items, items, rules)).toEqual([
      ['root[key=a].key', 'matched'],
      ['root[key=b].key', 'matched'],
    ]);
  });

  it('pairs by whole value when the key does not tell items apart', () => {
    const rules = parseRules({ sets: [{ path: 'root', key: 'key' }] });
    const control = [
      { key: 'a', v: 1 },
      { key: 'a', v: 2 },
    ];
    const candidate = [
      { key: 'a', v: 2 },
      { key: 'a', v: 3 },
    ];
    expect(diff(control, candidate, rules)).toEqual([
      ['root[0]', 'mismatched'],
      ['root[1].key', 'matched'],
      ['root[1].v', 'matched'],
      ['root[+1]', 'mismatched'],
    ]);
  });

  it('still reports what a quirk does not explain', () => {
    const rules = parseRules({ quirks: ['digest-padding'] });
    const control = { metadata: { digest: 'sha256:aa' } };
    expect(diff(control, { metadata: { digest: 'sha256:aa ' } }, rules)).toEqual([
      ['root.metadata.digest', 'ignored', 'quirk digest-padding'],
    ]);
    expect(diff(control, { metadata: { digest: 'sha256:bb ' } }, rules)).toEqual([
      ['root.metadata.digest', 'mismatched'],
    ]);
  });
});
