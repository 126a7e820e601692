import { describe, expect, it } from 'vitest';
import { buildConnection, type PagePlan } from '../../src/relay/index.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const nodes = ['a', 'b', 'c'];
const cursorOf = (node: string) => `c-${node}`;

describe('buildConnection', () => {
  it('builds edges with cursors in display order and keeps the count', () => {
    const connection = buildConnection({
      plan: { kind: 'forward', size: 3, afterId: null },
      nodes,
      count: 42,
      hasMore: true,
      cursorOf,
    });
    expect(connection.edges).toEqual([
      { cursor: 'c-a', node: 'a' },
      { cursor: 'c-b', node: 'b' },
      { cursor: 'c-c', node: 'c' },
    ]);
    expect(connection.count).toBe(42);
    expect(connection.pageInfo).toMatchObject({ startCursor: 'c-a', endCursor: 'c-c' });
  });

  it.each<[string, PagePlan, boolean, number, { hasNextPage: boolean; hasPreviousPage: boolean }]>([
    [
      'forward, first page',
      { kind: 'forward', size: 3, afterId: null },
      true,
      10,
      { hasNextPage: true, hasPreviousPage: false },
    ],
    [
      'forward, only page',
      { kind: 'forward', size: 3, afterId: null },
      false,
      3,
      { hasNextPage: false, hasPreviousPage: false },
    ],
    [
      'forward, after a cursor, last page',
      { kind: 'forward', size: 3, afterId: A },
      false,
      10,
      { hasNextPage: false, hasPreviousPage: true },
    ],
    [
      'backward, last page',
      { kind: 'backward', size: 3, beforeId: null },
      true,
      10,
      { hasNextPage: false, hasPreviousPage: true },
    ],
    [
      'backward, before a cursor, first page',
      { kind: 'backward', size: 3, beforeId: A },
      false,
      10,
      { hasNextPage: true, hasPreviousPage: false },
    ],
    [
      'backward, before a cursor, middle page',
      { kind: 'backward', size: 3, beforeId: A },
      true,
      10,
      { hasNextPage: true, hasPreviousPage: true },
    ],
    [
      'offset, start',
      { kind: 'offset', size: 3, offset: 0 },
      false,
      10,
      { hasNextPage: true, hasPreviousPage: false },
    ],
    [
      'offset, middle',
      { kind: 'offset', size: 3, offset: 3 },
      false,
      10,
      { hasNextPage: true, hasPreviousPage: true },
    ],
    [
      'offset, end',
      { kind: 'offset', size: 3, offset: 7 },
      false,
      10,
      { hasNextPage: false, hasPreviousPage: true },
    ],
  ])('pageInfo: %s', (_name, plan, hasMore, count, flags) => {
    expect(buildConnection({ plan, nodes, count, hasMore, cursorOf }).pageInfo).toMatchObject(flags);
  });

  it.each<[string, PagePlan, number, boolean]>([
    // Rows before the offset exist only if anything matches at all (natively: offset > 0 alone).
    ['offset past the end of a non-empty result', { kind: 'offset', size: 3, offset: 20 }, 10, true],
    ['offset into an empty result', { kind: 'offset', size: 3, offset: 5 }, 0, false],
    ['the first page of an empty result', { kind: 'forward', size: 3, afterId: null }, 0, false],
  ])('an empty page: %s', (_name, plan, count, hasPreviousPage) => {
    expect(buildConnection({ plan, nodes: [], count, hasMore: false, cursorOf }).pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage,
      startCursor: null,
      endCursor: null,
    });
  });
});
