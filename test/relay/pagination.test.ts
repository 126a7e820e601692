import { describe, expect, it } from 'vitest';
import { buildConnection, encodeCursor, type PagePlan, planPage } from '../../src/relay/index.ts';

const A = '00000000-0000-4000-8000-00000000000a';

describe('planPage', () => {
  it.each([
    ['no arguments: first page forward', {}, { kind: 'forward', size: 10, afterId: null }],
    ['first', { first: 7 }, { kind: 'forward', size: 7, afterId: null }],
    ['first/after', { first: 7, after: encodeCursor(A) }, { kind: 'forward', size: 7, afterId: A }],
    [
      'after alone uses the default size',
      { after: encodeCursor(A) },
      { kind: 'forward', size: 10, afterId: A },
    ],
    ['last', { last: 3 }, { kind: 'backward', size: 3, beforeId: null }],
    ['before alone', { before: encodeCursor(A) }, { kind: 'backward', size: 10, beforeId: A }],
    ['limit/offset', { limit: 20, offset: 40 }, { kind: 'offset', size: 20, offset: 40 }],
    ['offset alone', { offset: 5 }, { kind: 'offset', size: 10, offset: 5 }],
    ['limit alone', { limit: 5 }, { kind: 'offset', size: 5, offset: 0 }],
    [
      'nulls count as absent',
      { first: null, last: 4, before: null },
      { kind: 'backward', size: 4, beforeId: null },
    ],
  ])('%s', (_name, args, plan) => {
    expect(planPage(args)).toEqual(plan);
  });

  it.each([
    ['first with last', { first: 1, last: 1 }, 'Only one pagination mode allowed'],
    [
      'after with before',
      { after: encodeCursor(A), before: encodeCursor(A) },
      'Only one pagination mode allowed',
    ],
    ['first with offset', { first: 1, offset: 0 }, 'Only one pagination mode allowed'],
    ['last with limit', { last: 1, limit: 1 }, 'Only one pagination mode allowed'],
    ['zero first', { first: 0 }, 'first must be positive, got 0'],
    ['negative last', { last: -2 }, 'last must be positive, got -2'],
    ['zero limit', { limit: 0 }, 'limit must be positive, got 0'],
    ['negative offset', { offset: -1 }, 'offset must be non-negative, got -1'],
    ['size above the maximum', { first: 101 }, 'first must be at most 100, got 101'],
    ['malformed after', { first: 2, after: 'nope' }, 'Invalid cursor format.'],
    ['malformed before', { before: encodeCursor('x') }, 'Invalid cursor format.'],
  ])('refuses %s', (_name, args, message) => {
    expect(() => planPage(args, { maxPageSize: 100 })).toThrow(message);
  });

  it('words errors in the native shape', () => {
    expect(() => planPage({ first: 0 })).toThrow(
      'Invalid GraphQL parameters. (first must be positive, got 0)',
    );
  });
});

describe('buildConnection', () => {
  const nodes = ['a', 'b', 'c'];
  const cursorOf = (node: string) => `c-${node}`;
  const page = (plan: PagePlan, hasMore: boolean, count = 10, items = nodes) =>
    buildConnection({ plan, nodes: items, count, hasMore, cursorOf }).pageInfo;

  it('builds edges with cursors in order', () => {
    const connection = buildConnection({
      plan: { kind: 'forward', size: 3, afterId: null },
      nodes,
      count: 3,
      hasMore: false,
      cursorOf,
    });
    expect(connection.edges.map((edge) => edge.cursor)).toEqual(['c-a', 'c-b', 'c-c']);
    expect(connection.count).toBe(3);
    expect(connection.pageInfo).toMatchObject({ startCursor: 'c-a', endCursor: 'c-c' });
  });

  it.each([
    [
      'forward, first page',
      { kind: 'forward', size: 3, afterId: null },
      true,
      { hasNextPage: true, hasPreviousPage: false },
    ],
    [
      'forward, after a cursor, last page',
      { kind: 'forward', size: 3, afterId: A },
      false,
      { hasNextPage: false, hasPreviousPage: true },
    ],
    [
      'backward, last page',
      { kind: 'backward', size: 3, beforeId: null },
      true,
      { hasNextPage: false, hasPreviousPage: true },
    ],
    [
      'backward, before a cursor, first page',
      { kind: 'backward', size: 3, beforeId: A },
      false,
      { hasNextPage: true, hasPreviousPage: false },
    ],
    [
      'offset, start',
      { kind: 'offset', size: 3, offset: 0 },
      false,
      { hasNextPage: true, hasPreviousPage: false },
    ],
    [
      'offset, end',
      { kind: 'offset', size: 3, offset: 7 },
      false,
      { hasNextPage: false, hasPreviousPage: true },
    ],
  ] as const)('pageInfo: %s', (_name, plan, hasMore, flags) => {
    expect(page(plan as PagePlan, hasMore)).toMatchObject(flags);
  });

  it('gives null cursors and no neighbours for an empty result', () => {
    expect(page({ kind: 'offset', size: 3, offset: 0 }, false, 0, [])).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });
});
