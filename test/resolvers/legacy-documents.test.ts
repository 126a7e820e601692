import { buildSchema, type DocumentNode, type GraphQLObjectType, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { LegacyDocuments } from '../../src/resolvers/legacy-documents.ts';
import { legacySchemaSDL } from '../../src/sandbox/index.ts';

const root = buildSchema(legacySchemaSDL('26.1'), {
  assumeValidSDL: true,
}).getQueryType() as GraphQLObjectType;
const text = (document: DocumentNode) => print(document);

describe('LegacyDocuments', () => {
  it.each([
    [
      'a page forward',
      { scope_id: 'system', first: 50, after: 'x', filter_by_statuses: ['ALIVE'], order: '-created_at' },
      'query ($_0_after: String, $_0_filter_by_statuses: [ImageStatus], $_0_first: Int, $_0_order: String, $_0_scope_id: ScopeField!) { _0: image_nodes(after: $_0_after, filter_by_statuses: $_0_filter_by_statuses, first: $_0_first, order: $_0_order, scope_id: $_0_scope_id) { count } }',
    ],
    [
      'an offset page, with an argument left undefined',
      { scope_id: 'system', offset: 100, first: 500, filter: undefined },
      'query ($_0_first: Int, $_0_offset: Int, $_0_scope_id: ScopeField!) { _0: image_nodes(first: $_0_first, offset: $_0_offset, scope_id: $_0_scope_id) { count } }',
    ],
  ])('types each argument of %s as the manager schema does', (_name, args, expected) => {
    const { document, variables, aliases } = new LegacyDocuments(root).request([
      { field: 'image_nodes', args, selection: '{ count }' },
    ]);
    expect(text(document)).toBe(print(parse(expected)));
    expect(variables).toEqual(
      Object.fromEntries(
        Object.entries(args)
          .filter(([, value]) => value !== undefined)
          .map(([name, value]) => [`_0_${name}`, value]),
      ),
    );
    expect(aliases).toEqual(['_0']);
  });

  it('asks several calls in one document, each under its own alias and variables', () => {
    const { document, variables, aliases } = new LegacyDocuments(root).request([
      { field: 'user', args: {}, selection: '{ role }' },
      { field: 'image_nodes', args: { scope_id: 'system', first: 5 }, selection: '{ count }' },
      { field: 'image_nodes', args: { scope_id: 'system', first: 7 }, selection: '{ count }' },
    ]);
    expect(text(document)).toBe(
      print(
        parse(
          'query ($_1_first: Int, $_1_scope_id: ScopeField!, $_2_first: Int, $_2_scope_id: ScopeField!) { _0: user { role } _1: image_nodes(first: $_1_first, scope_id: $_1_scope_id) { count } _2: image_nodes(first: $_2_first, scope_id: $_2_scope_id) { count } }',
        ),
      ),
    );
    expect(variables).toEqual({ _1_first: 5, _1_scope_id: 'system', _2_first: 7, _2_scope_id: 'system' });
    expect(aliases).toEqual(['_0', '_1', '_2']);
  });

  it('builds one document per list of fields, argument names and selections, and reuses it', () => {
    const documents = new LegacyDocuments(root);
    const page = (args: Record<string, unknown>, selection = '{ count }') => ({
      field: 'image_nodes',
      args,
      selection,
    });
    const role = { field: 'user', args: {}, selection: '{ role }' };
    const first = documents.request([page({ scope_id: 'system', first: 10 })]).document;
    expect(documents.request([page({ first: 50, scope_id: 'project' })]).document).toBe(first);
    for (const other of [
      [page({ scope_id: 'system', first: 10, after: 'x' })],
      [page({ scope_id: 'system', first: 10 }, '{ count pageInfo { hasNextPage } }')],
      [role, page({ scope_id: 'system', first: 10 })],
      [page({ scope_id: 'system', first: 10 }), role],
    ]) {
      expect(documents.request(other).document).not.toBe(first);
    }
    const pair = documents.request([role, page({ scope_id: 'system', first: 10 })]).document;
    expect(documents.request([role, page({ scope_id: 'system', first: 20 })]).document).toBe(pair);
  });

  it('keeps a bounded number of documents, so nodes(ids) of ever new sizes cannot grow the gateway', () => {
    const documents = new LegacyDocuments(root, 8);
    const node = (i: number) => ({ field: 'image_node', args: { id: `${i}` }, selection: '{ row_id }' });
    for (let count = 1; count <= 20; count++) {
      documents.request(Array.from({ length: count }, (_, i) => node(i)));
    }
    expect(documents.size).toBe(8);
    // The newest are the ones kept.
    const newest = documents.request(Array.from({ length: 20 }, (_, i) => node(i))).document;
    expect(documents.request(Array.from({ length: 20 }, (_, i) => node(i + 100))).document).toBe(newest);
  });

  it.each([
    ['a field the schema lacks', 'image_rows', { first: 1 }, /has no Query\.image_rows/],
    ['an argument the field lacks', 'image_nodes', { colour: 'red' }, /has no argument "colour"/],
  ])('refuses %s instead of sending it', (_name, field, args, message) => {
    expect(() => new LegacyDocuments(root).request([{ field, args, selection: '{ count }' }])).toThrow(
      message,
    );
  });
});
