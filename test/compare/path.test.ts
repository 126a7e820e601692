import { describe, expect, it } from 'vitest';
import {
  errorsAt,
  field,
  formatPath,
  isUnder,
  item,
  matchesPattern,
  meta,
  normalPath,
  parsePattern,
} from '../../src/compare/index.ts';

const DIGEST = [
  field('imagesV2'),
  field('edges'),
  item(3),
  field('node'),
  field('metadata'),
  field('digest'),
];

describe('paths', () => {
  it('spell one value concretely and fold list positions in the normal spelling', () => {
    expect(formatPath(DIGEST)).toBe('imagesV2.edges[3].node.metadata.digest');
    expect(normalPath(DIGEST)).toBe('imagesV2.edges[].node.metadata.digest');
  });

  it('spell errors by the place they point at, and what lies outside the data in parentheses', () => {
    const at = [errorsAt(['imagesV2', 'edges', 3, 'node']), field('message')];
    expect(formatPath(at)).toBe('errors[imagesV2.edges[3].node].message');
    expect(normalPath(at)).toBe('errors[imagesV2.edges[].node].message');
    expect(formatPath([errorsAt(undefined)])).toBe('errors[-]');
    expect(formatPath([meta('status')])).toBe('(status)');
  });
});

describe('path patterns', () => {
  it.each([
    ['imagesV2.edges[].node.metadata.digest', true],
    ['**.metadata.digest', true],
    ['**.digest', true],
    ['imagesV2.**', true],
    ['imagesV2.edges[].*.metadata.digest', true],
    ['*.edges[].node.metadata.digest', true],
    ['**.edges[].node.**.digest', true],
    ['imagesV2.edges.node.metadata.digest', false],
    ['imagesV2.edges[].node.metadata', false],
    ['*.digest', false],
    ['adminImagesV2.**', false],
    ['**.metadata.digest.more', false],
  ])('%s matches the digest path: %s', (pattern, matches) => {
    expect(matchesPattern(parsePattern(pattern), DIGEST)).toBe(matches);
  });

  it('match error places and the status', () => {
    const at = [errorsAt(['imagesV2', 'edges', 0]), field('code')];
    expect(matchesPattern(parsePattern('errors[imagesV2.edges[]].code'), at)).toBe(true);
    expect(matchesPattern(parsePattern('**.code'), at)).toBe(true);
    expect(matchesPattern(parsePattern('(status)'), [meta('status')])).toBe(true);
  });

  it.each(['', '.a', 'a..b', 'a.b c', 'a-b'])('refuse the malformed pattern %j', (pattern) => {
    expect(() => parsePattern(pattern)).toThrow();
  });
});

describe('isUnder', () => {
  it.each([
    ['a.b', 'a.b', true],
    ['a.b.c', 'a.b', true],
    ['a.b[].c', 'a.b', true],
    ['a.bc', 'a.b', false],
    ['a', 'a.b', false],
  ])('%s under %s: %s', (path, prefix, under) => {
    expect(isUnder(path, prefix)).toBe(under);
  });
});
