/** The native manager's pagination plan and page reading, release by release (pure). */
import { describe, expect, it } from 'vitest';
import {
  compareBy,
  decodeCursor,
  encodeCursor,
  orderOf,
  type PageArgs,
  type PagePlan,
  planPage,
  readPage,
  type SortKey,
} from '../../src/sandbox/native-v2/paging.ts';
import { toBase64 } from '../../src/sandbox/python-compat.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const CURSOR = encodeCursor(A);
const MIX =
  'Invalid GraphQL parameters. (Only one pagination mode allowed: (first/after) OR (last/before) OR (limit/offset))';

const of26_2 = (args: PageArgs, orderByGiven = false) =>
  planPage(args, { modeArguments: 'sizes', orderByWithCursorRefused: true, orderByGiven });
const of26_4 = (args: PageArgs, orderByGiven = false) =>
  planPage(args, { modeArguments: 'all', orderByWithCursorRefused: false, orderByGiven });

describe('planPage on 26.2 (only first, last and limit choose a mode)', () => {
  it.each<[string, PageArgs, PagePlan]>([
    ['no arguments: limit 10, offset 0', {}, { mode: 'offset', limit: 10, offset: 0 }],
    ['offset without limit is ignored', { offset: 30 }, { mode: 'offset', limit: 10, offset: 0 }],
    ['after without first is ignored', { after: CURSOR }, { mode: 'offset', limit: 10, offset: 0 }],
    ['after beside last is ignored', { last: 2, after: CURSOR }, { mode: 'backward', size: 2, cursor: null }],
    ['offset beside first is ignored', { first: 2, offset: 4 }, { mode: 'forward', size: 2, cursor: null }],
    [
      'first with after',
      { first: 3, after: CURSOR },
      { mode: 'forward', size: 3, cursor: { text: CURSOR, id: A } },
    ],
    ['limit with offset', { limit: 5, offset: 20 }, { mode: 'offset', limit: 5, offset: 20 }],
    ['no maximum size', { first: 100_000 }, { mode: 'forward', size: 100_000, cursor: null }],
  ])('%s', (_name, args, plan) => expect(of26_2(args)).toEqual(plan));

  it.each<[string, PageArgs, boolean, string]>([
    [
      'orderBy with first',
      { first: 1 },
      true,
      'order_by cannot be used with cursor pagination (first/after, last/before)',
    ],
    [
      'orderBy with last, before the size check',
      { last: 0 },
      true,
      'order_by cannot be used with cursor pagination (first/after, last/before)',
    ],
    [
      'first with last',
      { first: 1, last: 1 },
      false,
      'Only one pagination mode allowed: (first/after) OR (last/before) OR (limit/offset)',
    ],
    [
      'first with limit',
      { first: 1, limit: 1 },
      false,
      'Only one pagination mode allowed: (first/after) OR (last/before) OR (limit/offset)',
    ],
    ['first 0', { first: 0 }, false, 'first must be positive, got 0'],
    ['last -1', { last: -1 }, false, 'last must be positive, got -1'],
    ['limit 0', { limit: 0 }, false, 'limit must be positive, got 0'],
    ['a negative offset with limit', { limit: 1, offset: -1 }, false, 'offset must be non-negative, got -1'],
  ])('refuses %s', (_name, args, orderByGiven, detail) => {
    expect(() => of26_2(args, orderByGiven)).toThrow(`Invalid GraphQL parameters. (${detail})`);
  });
});

describe('planPage from 26.4 (every argument chooses a mode)', () => {
  it.each<[string, PageArgs, PagePlan]>([
    ['offset alone pages by 10', { offset: 30 }, { mode: 'offset', limit: 10, offset: 30 }],
    ['after without first is still ignored', { after: CURSOR }, { mode: 'offset', limit: 10, offset: 0 }],
    ['orderBy is allowed with first', { first: 2 }, { mode: 'forward', size: 2, cursor: null }],
    [
      'last with before',
      { last: 2, before: CURSOR },
      { mode: 'backward', size: 2, cursor: { text: CURSOR, id: A } },
    ],
  ])('%s', (_name, args, plan) => expect(of26_4(args, true)).toEqual(plan));

  it.each<[string, PageArgs]>([
    ['after with last', { last: 2, after: CURSOR }],
    ['offset with first', { first: 2, offset: 0 }],
    ['before with limit', { limit: 2, before: CURSOR }],
  ])('refuses %s as a mix of modes', (_name, args) => expect(() => of26_4(args)).toThrow(MIX));

  it('refuses a negative offset without limit', () => {
    expect(() => of26_4({ offset: -1 })).toThrow(
      'Invalid GraphQL parameters. (offset must be non-negative, got -1)',
    );
  });
});

describe('decodeCursor', () => {
  it('reads cursor:v1:<id>, keeping colons after the second', () => {
    expect(decodeCursor(toBase64('cursor:v1:a:b'))).toEqual({ text: toBase64('cursor:v1:a:b'), id: 'a:b' });
  });

  it.each([
    ['not base64', 'not base64!'],
    ['another version', toBase64(`cursor:v2:${A}`)],
    ['a global id', toBase64(`ImageV2:${A}`)],
    ['no id part', toBase64('cursor:v1')],
  ])('refuses %s with the cursor in the message', (_name, text) => {
    expect(() => decodeCursor(text)).toThrow(`Invalid cursor format. (Invalid cursor format: ${text})`);
  });
});

interface Row {
  id: string;
  at: number | null;
}
const byAt: SortKey<Row> = { value: (row) => row.at, descending: true };
const byId: SortKey<Row> = { value: (row) => row.id, descending: false };

describe('compareBy and orderOf', () => {
  it('puts NULL last ascending and first descending, as PostgreSQL does', () => {
    const rows: Row[] = [
      { id: 'b', at: 1 },
      { id: 'a', at: null },
      { id: 'c', at: 2 },
    ];
    expect([...rows].sort(compareBy([byAt, byId])).map((row) => row.id)).toEqual(['a', 'c', 'b']);
    expect([...rows].sort(compareBy([{ ...byAt, descending: false }])).map((row) => row.id)).toEqual([
      'b',
      'c',
      'a',
    ]);
  });

  const orders = { forward: byAt, backward: { ...byAt, descending: false }, tiebreaker: byId };
  const name: SortKey<Row> = { value: (row) => row.id, descending: true };

  it('orders offset pages by orderBy, else the default, then the id', () => {
    expect(orderOf({ mode: 'offset', limit: 1, offset: 0 }, [name], orders)).toEqual([name, byId]);
    expect(orderOf({ mode: 'offset', limit: 1, offset: 0 }, [], orders)).toEqual([byAt, byId]);
  });

  it('orders cursor pages by the cursor order first, so orderBy only breaks its ties', () => {
    expect(orderOf({ mode: 'forward', size: 1, cursor: null }, [name], orders)).toEqual([byAt, name, byId]);
    expect(orderOf({ mode: 'backward', size: 1, cursor: null }, [], orders)).toEqual([orders.backward, byId]);
  });
});

describe('readPage', () => {
  const rows = ['a', 'b', 'c', 'd', 'e'];

  it.each<[string, PagePlan, ((row: string) => boolean) | null, string[], boolean, boolean]>([
    ['an offset page', { mode: 'offset', limit: 2, offset: 1 }, null, ['b', 'c'], true, true],
    ['the last offset page', { mode: 'offset', limit: 2, offset: 3 }, null, ['d', 'e'], false, true],
    ['past the end', { mode: 'offset', limit: 2, offset: 9 }, null, [], false, true],
    ['a first page', { mode: 'forward', size: 2, cursor: null }, null, ['a', 'b'], true, false],
    [
      'after a cursor',
      { mode: 'forward', size: 9, cursor: { text: 'x', id: 'b' } },
      (r) => r > 'b',
      ['c', 'd', 'e'],
      false,
      true,
    ],
    // Backward pages keep the order they were read in: the rows nearest the end come first.
    ['a last page, not reversed', { mode: 'backward', size: 2, cursor: null }, null, ['a', 'b'], false, true],
    [
      'before a cursor',
      { mode: 'backward', size: 9, cursor: { text: 'x', id: 'd' } },
      (r) => r < 'd',
      ['a', 'b', 'c'],
      true,
      false,
    ],
  ])('%s', (_name, plan, condition, page, hasNext, hasPrevious) => {
    expect(readPage(rows, plan, condition)).toEqual({
      rows: page,
      hasNextPage: hasNext,
      hasPreviousPage: hasPrevious,
    });
  });
});
