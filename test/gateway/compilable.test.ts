import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  hasRecursiveInputVariable,
  isCompilable,
  queryRootFields,
  selectsAbstractType,
} from '../../src/gateway/compilable.ts';

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

describe('hasRecursiveInputVariable', () => {
  const schema = buildSchema(`
    input Filter { name: Text, AND: [Filter!], nested: Outer }
    input Outer { inner: Inner }
    input Inner { outer: Outer }
    input Text { contains: String }
    type Query { list(filter: Filter, text: Text, outer: Outer, n: Int): Int }
  `);
  it.each([
    ['a variable of a type listing itself', 'query ($f: Filter) { list(filter: $f) }', true],
    ['a list variable of it, non-null', 'query ($f: [Filter!]!) { list(filter: { AND: $f }) }', true],
    ['a variable of a type in a cycle of two', 'query ($o: Outer) { list(outer: $o) }', true],
    ['a variable of a plain input type', 'query ($t: Text) { list(text: $t) }', false],
    ['a scalar variable', 'query ($n: Int) { list(n: $n) }', false],
    [
      'the recursive type written inline, not as a variable',
      '{ list(filter: { AND: [{ name: { contains: "x" } }] }) }',
      false,
    ],
  ])('%s: %s', (_name, text, expected) => {
    expect(hasRecursiveInputVariable(schema, parse(text))).toBe(expected);
  });
});

describe('selectsAbstractType', () => {
  const schema = buildSchema(`
    interface Node { id: ID! }
    type Image implements Node { id: ID! name: String }
    union Found = Image
    type Query { node(id: ID!): Node, nodes: [Node]!, found: Found, image: Image }
  `);
  it.each([
    ['an interface field', '{ node(id: "x") { id } }', true],
    ['a list of an interface', '{ nodes { ... on Image { name } } }', true],
    ['a union field', '{ found { ... on Image { id } } }', true],
    ['an interface field inside a fragment', '{ ...F } fragment F on Query { node(id: "x") { id } }', true],
    ['object types only', '{ image { id name } }', false],
  ])('%s: %s', (_name, text, expected) => {
    expect(selectsAbstractType(schema, parse(text))).toBe(expected);
  });
});

describe('isCompilable', () => {
  const schema = buildSchema(`
    input Filter { name: String, AND: [Filter!] }
    interface Node { id: ID! }
    type Query { list(filter: Filter, n: Int): Int, node: Node }
    type Mutation { touch: Int }
  `);
  it.each([
    ['a query', '{ list(n: 1) }', true],
    ['a query with __typename', '{ __typename list }', true],
    ['a mutation, which stays serial on the executor', 'mutation { touch }', false],
    ['introspection', '{ __schema { queryType { name } } }', false],
    ['introspection beside a field', '{ list __type(name: "Query") { name } }', false],
    ['a variable of a recursive input type', 'query ($f: Filter) { list(filter: $f) }', false],
    ['an interface field (graphql-jit does not await resolveType)', '{ node { id } }', false],
  ])('%s: %s', (_name, text, expected) => {
    expect(isCompilable(schema, parse(text))).toBe(expected);
  });
});
