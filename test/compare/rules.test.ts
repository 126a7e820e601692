import { describe, expect, it } from 'vitest';
import { field, item, parseRules, RulesError, rulesAt } from '../../src/compare/index.ts';

describe('parseRules', () => {
  it('reads skips, sets, quirks and the time comparison, each with the reason the report shows', () => {
    const rules = parseRules({
      skip: ['**.createdAt'],
      sets: [{ path: '**.supportedAccelerators' }, { path: '**.resourceLimits', key: 'key' }],
      quirks: ['max-none'],
      times: 'exact',
    });
    expect(rules.timesAsInstants).toBe(false);
    expect(rules.rules.map((rule) => [rule.kind, rule.reason])).toEqual([
      ['skip', 'skip **.createdAt'],
      ['set', 'set **.supportedAccelerators'],
      ['set', 'set **.resourceLimits'],
      ['equivalent', 'quirk max-none'],
    ]);
    const limits = [field('imageV2'), field('requirements'), field('resourceLimits')];
    expect(rulesAt(rules, 'set', limits).map((rule) => rule.key)).toEqual(['key']);
    expect(rulesAt(rules, 'equivalent', [...limits, item(0), field('max')])).toHaveLength(1);
  });

  it('compares times as instants unless told otherwise', () => {
    expect(parseRules({}).timesAsInstants).toBe(true);
  });

  it.each([
    ['a list', [], 'must hold a JSON object'],
    ['an unknown key', { skips: [] }, 'unknown keys in the ignore file: skips'],
    ['an unknown quirk', { quirks: ['max-nothing'] }, 'unknown quirk "max-nothing" (known: sizeBytes-int32,'],
    ['a skip that is not a list of strings', { skip: 'a.b' }, '"skip" must be a list of strings'],
    ['a malformed path', { skip: ['a..b'] }, '"skip" a..b: "a..b" is not a field path'],
    ['a set without a path', { sets: [{ key: 'key' }] }, '"sets"[0] must be an object with a "path" string'],
    ['a set with an unknown key', { sets: [{ path: 'a', by: 'key' }] }, '"sets"[0] has unknown keys: by'],
    ['an unknown time comparison', { times: 'fuzzy' }, '"times" must be "instant" or "exact"'],
  ])('refuses %s, saying what is wrong', (_name, file, message) => {
    expect(() => parseRules(file)).toThrow(RulesError);
    expect(() => parseRules(file)).toThrow(message);
  });
});
