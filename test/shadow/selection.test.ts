import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isShadowable, sampled } from '../../src/shadow/selection.ts';

describe('isShadowable', () => {
  it.each([
    ['a query of adminImagesV2', '{ adminImagesV2 { count } }', null, true],
    [
      'every native root field, aliased, with __typename',
      '{ a: imageV2(id: "x") { id } b: containerRegistryImagesV2(scope: { registryId: "r" }) { count } __typename }',
      null,
      true,
    ],
    [
      'root fields through fragments',
      'query Q { ...R } fragment R on Query { ... on Query { adminImagesV2 { count } } }',
      'Q',
      true,
    ],
    [
      'the named operation of several',
      'query A { adminImagesV2 { count } } query B { images { id } }',
      'A',
      true,
    ],
    ['a legacy field beside a native one', '{ adminImagesV2 { count } images { id } }', null, false],
    ['a legacy query', 'query B { images { id } }', null, false],
    ['the seed profile name imagesV2, which the native API lacks', '{ imagesV2 { count } }', null, false],
    ['node, which the native API answers differently', '{ node(id: "x") { id } }', null, false],
    ['a mutation', 'mutation { adminImagesV2 { count } }', null, false],
    ['only __typename', '{ __typename }', null, false],
    ['a missing fragment', '{ ...Missing }', null, false],
    ['an operation name the document lacks', '{ adminImagesV2 { count } }', 'Other', false],
    [
      'one of several operations without a name given',
      'query A { adminImagesV2 { count } } query B { imageV2(id: "x") { id } }',
      null,
      false,
    ],
  ])('%s: %s', (_name, query, operationName, expected) => {
    expect(isShadowable(parse(query), operationName)).toBe(expected);
  });
});

describe('sampled', () => {
  it.each([
    [0, 0, false],
    [0, 0.999, false],
    [0.01, 0.005, true],
    [0.01, 0.01, false],
    [1, 0.999999, true],
  ])('rate %d with a draw of %d: %s', (rate, draw, expected) => {
    expect(sampled(rate, () => draw)).toBe(expected);
  });
});
