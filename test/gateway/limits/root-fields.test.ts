import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { countLevelFields, maxRootFieldsRule } from '../../../src/gateway/limits/root-fields.ts';

const schema = buildSchema(/* GraphQL */ `
  type Query {
    a: Int
    b: Int
    c: Int
    nested: Query
  }
`);

function rootFieldsOf(query: string): number {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition');
  if (operation?.kind !== 'OperationDefinition') throw new Error('no operation');
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === 'FragmentDefinition' ? [[d.name.value, d]] : [])),
  );
  return countLevelFields(operation.selectionSet, (name) => fragments.get(name));
}

describe('countLevelFields', () => {
  it.each([
    ['{ a b c }', 3],
    ['{ x: a y: a z: a }', 3],
    ['{ __typename a }', 1],
    ['{ nested { a b c } }', 1],
    ['{ a ... on Query { b c } }', 3],
    ['{ a ...F } fragment F on Query { b c }', 3],
    // A fragment spread twice at one level selects its fields once.
    ['{ ...F ...F } fragment F on Query { b c }', 2],
    // A cycle (invalid, refused by graphql-js's own rule) cannot make counting loop.
    ['{ ...F } fragment F on Query { a ...F }', 1],
  ])('%s has %i root fields', (query, expected) => {
    expect(rootFieldsOf(query)).toBe(expected);
  });
});

describe('maxRootFieldsRule', () => {
  const errorsOf = (query: string, max: number) =>
    validate(schema, parse(query), [maxRootFieldsRule(max)]).map((error) => error.toJSON());

  it('accepts an operation at the limit', () => {
    expect(errorsOf('{ a b c }', 3)).toEqual([]);
  });

  it('refuses one past it with the coded error naming the limit and the count', () => {
    expect(errorsOf('{ a b x: c y: c }', 3)).toEqual([
      {
        message: 'The query exceeds a limit of the gateway. (Root fields limit of 3 exceeded, found 4.)',
        extensions: { code: 'api_check-limit_invalid-parameters', http: { status: 400 } },
      },
    ]);
  });

  it('counts each operation of a document on its own', () => {
    expect(errorsOf('query One { a b } query Two { a b c }', 2)).toHaveLength(1);
  });
});
