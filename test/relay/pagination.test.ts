import { describe, expect, it } from 'vitest';
import {
  encodeCursor,
  MIXED_MODES_DETAIL,
  pageOffset,
  pageSize,
  paginationMode,
  planPage,
} from '../../src/relay/index.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const AFTER_A = encodeCursor(A);

describe('paginationMode', () => {
  it.each([
    [{}, null],
    [{ first: 1 }, 'forward'],
    [{ after: AFTER_A }, 'forward'],
    [{ last: 1 }, 'backward'],
    [{ before: AFTER_A }, 'backward'],
    [{ limit: 1 }, 'offset'],
    [{ offset: 0 }, 'offset'],
    [{ first: null, last: null, limit: null, offset: null, after: null, before: null }, null],
  ])('%j -> %s', (args, mode) => expect(paginationMode(args)).toBe(mode));

  it.each([
    [{ first: 1, last: 1 }],
    [{ after: AFTER_A, before: AFTER_A }],
    [{ first: 1, before: AFTER_A }],
    [{ first: 1, offset: 0 }],
    [{ after: AFTER_A, limit: 5 }],
    [{ last: 1, limit: 1 }],
    [{ first: 1, last: 1, limit: 1 }],
  ])('refuses %j', (args) => {
    expect(() => paginationMode(args)).toThrow(`Invalid GraphQL parameters. (${MIXED_MODES_DETAIL})`);
  });
});

describe('pageSize', () => {
  it.each([
    ['the given size', 7, {}, 7],
    ['the native default', undefined, {}, 10],
    ['null as absent', null, {}, 10],
    ['a configured default', null, { defaultPageSize: 25 }, 25],
    ['a size at the maximum', 100, { maxPageSize: 100 }, 100],
    ['the default capped by the maximum', null, { maxPageSize: 5 }, 5],
  ])('%s', (_name, value, options, size) => expect(pageSize('first', value, options)).toBe(size));

  it.each([
    [0, {}, 'first must be positive, got 0'],
    [-2, {}, 'first must be positive, got -2'],
    [2.5, {}, 'first must be an integer, got 2.5'],
    [Number.NaN, {}, 'first must be an integer, got NaN'],
    [101, { maxPageSize: 100 }, 'first must be at most 100, got 101'],
  ])('refuses %s', (value, options, detail) => {
    expect(() => pageSize('first', value, options)).toThrow(`Invalid GraphQL parameters. (${detail})`);
  });
});

describe('pageOffset', () => {
  it.each([
    [undefined, 0],
    [null, 0],
    [0, 0],
    [40, 40],
  ])('%j -> %j', (value, offset) => expect(pageOffset(value)).toBe(offset));

  it.each([
    [-1, 'offset must be non-negative, got -1'],
    [1.5, 'offset must be an integer, got 1.5'],
  ])('refuses %s', (value, detail) => {
    expect(() => pageOffset(value)).toThrow(`Invalid GraphQL parameters. (${detail})`);
  });
});

describe('planPage', () => {
  it.each([
    ['no arguments: the first page forward', {}, { kind: 'forward', size: 10, afterId: null }],
    ['first', { first: 7 }, { kind: 'forward', size: 7, afterId: null }],
    ['first/after', { first: 7, after: AFTER_A }, { kind: 'forward', size: 7, afterId: A }],
    ['after alone, with the default size', { after: AFTER_A }, { kind: 'forward', size: 10, afterId: A }],
    ['last', { last: 3 }, { kind: 'backward', size: 3, beforeId: null }],
    ['last/before', { last: 3, before: AFTER_A }, { kind: 'backward', size: 3, beforeId: A }],
    ['before alone, with the default size', { before: AFTER_A }, { kind: 'backward', size: 10, beforeId: A }],
    ['limit/offset', { limit: 20, offset: 40 }, { kind: 'offset', size: 20, offset: 40 }],
    ['offset alone, with the default size', { offset: 5 }, { kind: 'offset', size: 10, offset: 5 }],
    ['limit alone, from the start', { limit: 5 }, { kind: 'offset', size: 5, offset: 0 }],
    [
      'nulls as absent',
      { first: null, last: 4, before: null },
      { kind: 'backward', size: 4, beforeId: null },
    ],
  ])('%s', (_name, args, plan) => expect(planPage(args)).toEqual(plan));

  it('uses the configured default size in every mode', () => {
    const options = { defaultPageSize: 3 };
    expect(planPage({}, options).size).toBe(3);
    expect(planPage({ before: AFTER_A }, options).size).toBe(3);
    expect(planPage({ offset: 1 }, options).size).toBe(3);
  });

  it.each([
    ['first with last', { first: 1, last: 1 }, MIXED_MODES_DETAIL],
    ['zero first', { first: 0 }, 'first must be positive, got 0'],
    ['negative last', { last: -2 }, 'last must be positive, got -2'],
    ['zero limit', { limit: 0 }, 'limit must be positive, got 0'],
    ['negative offset', { offset: -1 }, 'offset must be non-negative, got -1'],
    ['a size above the maximum', { last: 101 }, 'last must be at most 100, got 101'],
    // The size is checked before the cursor, as natively.
    ['a bad size with a bad cursor', { first: 0, after: 'nope' }, 'first must be positive, got 0'],
  ])('refuses %s', (_name, args, detail) => {
    expect(() => planPage(args, { maxPageSize: 100 })).toThrow(`Invalid GraphQL parameters. (${detail})`);
  });

  it.each([
    ['after', { first: 2, after: 'nope' }, 'Invalid cursor format: nope'],
    ['after without first', { after: 'nope' }, 'Invalid cursor format: nope'],
    ['before', { before: encodeCursor('x') }, `Invalid cursor value: ${encodeCursor('x')}`],
  ])('refuses a malformed %s cursor', (_name, args, detail) => {
    expect(() => planPage(args)).toThrow(`Invalid cursor format. (${detail})`);
  });
});
