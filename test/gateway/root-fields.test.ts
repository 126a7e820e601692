import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { answeredByOwnResolvers, queryRootFields } from '../../src/gateway/root-fields.ts';

const OWN = new Set(['imagesV2', 'imageV2']);

describe('queryRootFields', () => {
  it.each([
    ['plain fields', '{ a b { c } }', undefined, ['a', 'b']],
    ['aliases count by field name', '{ x: a y: a }', undefined, ['a']],
    [
      'fragments and inline fragments',
      '{ ...F ... on Query { b } } fragment F on Query { a }',
      undefined,
      ['a', 'b'],
    ],
    ['a fragment spread twice', '{ ...F ...F } fragment F on Query { a ...F }', undefined, ['a']],
    ['the named operation only', 'query One { a } query Two { b }', 'Two', ['b']],
  ])('lists the root fields of %s', (_name, text, operationName, expected) => {
    expect([...(queryRootFields(parse(text), operationName) ?? [])].sort()).toEqual(expected);
  });

  it.each([
    ['a mutation', 'mutation { a }', undefined],
    ['an unknown operation name', 'query One { a }', 'Two'],
    ['several operations without a name', 'query One { a } query Two { b }', undefined],
  ])('answers null for %s', (_name, text, operationName) => {
    expect(queryRootFields(parse(text), operationName)).toBeNull();
  });
});

describe('answeredByOwnResolvers', () => {
  it.each([
    ['ImageV2 fields only', '{ imagesV2 { count } imageV2(id: "x") { id } }', true],
    ['ImageV2 fields and __typename', '{ __typename imagesV2 { count } }', true],
    ['a legacy field beside them', '{ imagesV2 { count } image_nodes { count } }', false],
    ['node, which may delegate to the manager', '{ node(id: "x") { id } }', false],
    ['introspection', '{ __schema { queryType { name } } }', false],
    ['__typename alone', '{ __typename }', false],
    ['a mutation', 'mutation { imagesV2 { count } }', false],
  ])('%s: %s', (_name, text, expected) => {
    expect(answeredByOwnResolvers(parse(text), undefined, OWN)).toBe(expected);
  });
});
