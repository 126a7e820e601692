import { buildSchema, type GraphQLObjectType, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { LegacyDocuments } from '../../src/resolvers/legacy-documents.ts';
import { legacySchemaSDL } from '../../src/sandbox/index.ts';

const root = buildSchema(legacySchemaSDL('26.1'), {
  assumeValidSDL: true,
}).getQueryType() as GraphQLObjectType;

describe('LegacyDocuments', () => {
  it.each([
    [
      'a page forward',
      { scope_id: 'system', first: 50, after: 'x', filter_by_statuses: ['ALIVE'], order: '-created_at' },
      'query ($after: String, $filter_by_statuses: [ImageStatus], $first: Int, $order: String, $scope_id: ScopeField!) { image_nodes(after: $after, filter_by_statuses: $filter_by_statuses, first: $first, order: $order, scope_id: $scope_id) { count } }',
    ],
    [
      'an offset page, with an argument left undefined',
      { scope_id: 'system', offset: 100, first: 500, filter: undefined },
      'query ($first: Int, $offset: Int, $scope_id: ScopeField!) { image_nodes(first: $first, offset: $offset, scope_id: $scope_id) { count } }',
    ],
  ])('types each argument of %s as the manager schema does', (_name, args, expected) => {
    const { document, variables } = new LegacyDocuments(root).request({
      field: 'image_nodes',
      args,
      selection: '{ count }',
    });
    expect(print(document)).toBe(print(parse(expected)));
    expect(variables).toEqual(Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)));
  });

  it('asks a field without arguments without variables', () => {
    const { document, variables } = new LegacyDocuments(root).request({
      field: 'user',
      args: {},
      selection: '{ role }',
    });
    expect(print(document).replace(/\s+/g, ' ')).toBe('{ user { role } }');
    expect(variables).toEqual({});
  });

  it('builds one document per field, argument names and selection, and reuses it', () => {
    const documents = new LegacyDocuments(root);
    const call = (args: Record<string, unknown>, selection = '{ count }') =>
      documents.request({ field: 'image_nodes', args, selection }).document;
    const first = call({ scope_id: 'system', first: 10 });
    expect(call({ first: 50, scope_id: 'project' })).toBe(first);
    expect(call({ scope_id: 'system', first: 10, after: 'x' })).not.toBe(first);
    expect(call({ scope_id: 'system', first: 10 }, '{ count pageInfo { hasNextPage } }')).not.toBe(first);
  });

  it.each([
    ['a field the schema lacks', 'image_rows', { first: 1 }, /has no Query\.image_rows/],
    ['an argument the field lacks', 'image_nodes', { colour: 'red' }, /has no argument "colour"/],
  ])('refuses %s instead of sending it', (_name, field, args, message) => {
    expect(() => new LegacyDocuments(root).request({ field, args, selection: '{ count }' })).toThrow(message);
  });
});
