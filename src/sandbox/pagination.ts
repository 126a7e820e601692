/**
 * Relay connections over rows already filtered, as the manager's `generate_sql_info_for_gql_connection`
 * (SQL) and `AsyncListConnectionField.resolve_connection` (Python) page them:
 *
 * - `offset` set: an offset page of `first` rows (default 10) in `order` then id ascending; `last`,
 *   `before` and `after` are ignored and both `hasNextPage` and `hasPreviousPage` are false;
 * - otherwise `first`/`after` forward and `last`/`before` backward (mixing the two is an error). Forward
 *   rows sort by `order`, then the id ascending; backward every direction is reversed and the id descends.
 *   N+1 rows are fetched to tell whether another page follows; a backward page is turned back into
 *   forward order before it is returned;
 * - a cursor is a global id whose row is looked up in the whole table (any status, any scope). For each
 *   `order` column the row must be beyond the cursor row's value, or equal to it and beyond its id; these
 *   conditions are ANDed column by column (not a lexicographic comparison). With no `order`, the row's id
 *   must be beyond the cursor's. A NULL on either side satisfies no condition (SQL);
 * - `count` is every row matching scope, status and filter (on 25.6 the cursor conditions too).
 *
 * PostgreSQL's NULL placement is kept: last when ascending, first when descending.
 */
import { QueryError } from './errors.ts';
import { PythonError, pythonUuid, resolveGlobalId } from './python-compat.ts';
import type { SortValue } from './query-language/field-spec.ts';
import type { OrderItem } from './query-language/order.ts';

export const DEFAULT_PAGE_SIZE = 10;

export interface ConnectionArgs {
  offset?: number | null;
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export interface ConnectionPage<T> {
  rows: T[];
  count: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export interface PagingRules {
  /** 25.6: no id condition for a cursor without `order`, so the cursor is ignored. */
  cursorWithoutOrderIgnored: boolean;
  /** 25.6: `count` also applies the cursor conditions. */
  countAfterCursor: boolean;
  /** `max_gql_connection_page_size`; null is no cap. */
  maxPageSize: number | null;
}

const SINGLE_DIRECTION =
  'Can only paginate with single direction, forwards or backwards. Please set only one of (after, first) or (before, last).';

type Direction = 'forward' | 'backward';

export interface PageRequest {
  mode: 'offset' | 'cursor';
  direction: Direction;
  cursor: string | null;
  size: number;
  offset: number;
}

/** `validate_connection_args` and the offset branch: which page is asked for, or the manager's error. */
export function pageRequest(args: ConnectionArgs): PageRequest {
  if (args.offset != null) {
    return {
      mode: 'offset',
      direction: 'forward',
      cursor: null,
      size: args.first ?? DEFAULT_PAGE_SIZE,
      offset: args.offset,
    };
  }
  let direction: Direction | null = null;
  let cursor: string | null = null;
  let size: number | null = null;
  if (args.after != null) [direction, cursor] = ['forward', args.after];
  if (args.first != null) {
    if (args.first < 0) throw new QueryError("Argument 'first' must be a non-negative integer.");
    [direction, size] = ['forward', args.first];
  }
  if (args.before != null) {
    if (direction === 'forward') throw new QueryError(SINGLE_DIRECTION);
    [direction, cursor] = ['backward', args.before];
  }
  if (args.last != null) {
    if (args.last < 0) throw new QueryError("Argument 'last' must be a non-negative integer.");
    if (direction === 'forward') throw new QueryError(SINGLE_DIRECTION);
    [direction, size] = ['backward', args.last];
  }
  return {
    mode: 'cursor',
    direction: direction ?? 'forward',
    cursor,
    size: size ?? DEFAULT_PAGE_SIZE,
    offset: 0,
  };
}

/** `max_gql_connection_page_size`, checked once `order` and `filter` have been read. */
export function checkPageSize(request: PageRequest, maxPageSize: number | null): void {
  if (maxPageSize !== null && request.size > maxPageSize) {
    throw new QueryError(
      `Cannot fetch a page larger than ${maxPageSize}. Set 'first' or 'last' to a smaller integer.`,
    );
  }
}

/** PostgreSQL's ORDER BY on one column: NULLS LAST ascending, NULLS FIRST descending. */
function compareValues(a: SortValue, b: SortValue, descending: boolean): number {
  if (a === b) return 0;
  if (a === null) return descending ? -1 : 1;
  if (b === null) return descending ? 1 : -1;
  const order = a < b ? -1 : 1;
  return descending ? -order : order;
}

export type SortKeyOf<T> = (row: T, field: string) => SortValue;

/** The forward order: `order`, then the id ascending. The backward order is exactly its reverse. */
export function forwardComparator<T extends { id: string }>(order: OrderItem[], keyOf: SortKeyOf<T>) {
  return (a: T, b: T): number => {
    for (const { field, descending } of order) {
      const result = compareValues(keyOf(a, field), keyOf(b, field), descending);
      if (result !== 0) return result;
    }
    return a.id === b.id ? 0 : a.id < b.id ? -1 : 1;
  };
}

/** SQL's `>`/`<`: unknown (false here) when either side is NULL. */
function beyond(value: SortValue, pivot: SortValue, greater: boolean): boolean {
  if (value === null || pivot === null) return false;
  return greater ? value > pivot : value < pivot;
}

/** The id a cursor names, as the bound parameter the database would get, or the bind error it raises. */
function cursorRowId(cursor: string): string {
  const [, id] = resolveGlobalId(cursor);
  try {
    return pythonUuid(id);
  } catch (error) {
    // The id goes into `WHERE id > :cursor`; the GUID type cannot bind it.
    if (error instanceof PythonError) throw new QueryError(`(builtins.ValueError) ${error.message}`);
    throw error;
  }
}

/** The condition a row must meet to come after the cursor, in the direction of paging. */
function cursorCondition<T extends { id: string }>(
  order: OrderItem[],
  cursor: string,
  direction: Direction,
  keyOf: SortKeyOf<T>,
  rowById: (id: string) => T | undefined,
  rules: PagingRules,
): ((row: T) => boolean) | null {
  if (order.length === 0 && rules.cursorWithoutOrderIgnored) return null;
  const cursorId = cursorRowId(cursor);
  const backward = direction === 'backward';
  const idBeyond = (row: T) => (backward ? row.id < cursorId : row.id > cursorId);
  if (order.length === 0) return idBeyond;
  const cursorRow = rowById(cursorId);
  // The cursor row's values come from a scalar subquery; no row gives NULL, which nothing is beyond.
  if (!cursorRow) return () => false;
  const pivots = order.map(({ field }) => keyOf(cursorRow, field));
  return (row) =>
    order.every(({ field, descending }, index) => {
      const value = keyOf(row, field);
      const pivot = pivots[index] as SortValue;
      const greater = descending === backward;
      return beyond(value, pivot, greater) || (value !== null && value === pivot && idBeyond(row));
    });
}

/**
 * One page of `sorted` (rows matching scope, status and filter, in forward order). `rowById` finds a
 * cursor's row in the whole table.
 */
export function paginate<T extends { id: string }>(
  sorted: readonly T[],
  order: OrderItem[],
  request: PageRequest,
  keyOf: SortKeyOf<T>,
  rowById: (id: string) => T | undefined,
  rules: PagingRules,
): ConnectionPage<T> {
  if (request.mode === 'offset') {
    if (request.offset < 0)
      throw new QueryError(
        "(sqlalchemy.dialects.postgresql.asyncpg.Error) <class 'asyncpg.exceptions.InvalidRowCountInResultOffsetClauseError'>: OFFSET must not be negative",
      );
    if (request.size < 0)
      throw new QueryError(
        "(sqlalchemy.dialects.postgresql.asyncpg.Error) <class 'asyncpg.exceptions.InvalidRowCountInLimitClauseError'>: LIMIT must not be negative",
      );
    return {
      rows: sorted.slice(request.offset, request.offset + request.size),
      count: sorted.length,
      hasNextPage: false,
      hasPreviousPage: false,
    };
  }
  const backward = request.direction === 'backward';
  const condition =
    request.cursor === null
      ? null
      : cursorCondition(order, request.cursor, request.direction, keyOf, rowById, rules);
  const wanted = request.size + 1;
  const fetched: T[] = [];
  let count = sorted.length;
  if (condition && rules.countAfterCursor) count = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    const row = sorted[backward ? sorted.length - 1 - i : i] as T;
    if (condition && !condition(row)) continue;
    if (fetched.length < wanted) fetched.push(row);
    if (condition && rules.countAfterCursor) count += 1;
    else if (fetched.length >= wanted) break;
  }
  const page = fetched.slice(0, request.size);
  return {
    rows: backward ? page.reverse() : page,
    count,
    hasNextPage: !backward && request.size < fetched.length,
    hasPreviousPage: backward && request.size < fetched.length,
  };
}
