/**
 * Native pagination as the manager plans it (`BaseGQLAdapter._build_pagination` on 26.2,
 * `build_pagination` from 26.4) and reads a page (`CursorForwardPagination`, `CursorBackwardPagination`,
 * `OffsetPagination` in `repositories/base/pagination.py`):
 * - no arguments: limit 10, offset 0; no maximum;
 * - one mode only: which arguments count differs by release (26.2 only the sizes, so `offset` without
 *   `limit` and `after` without `first` are ignored; 26.4 counts every argument, so `after` with `last` is
 *   a mix; still `after` without `first` is ignored there);
 * - cursor order first, then `orderBy`, then the id: `orderBy` only breaks ties of the cursor order;
 * - a backward page is NOT reversed: `last: 3` reads the cursor order backwards and returns it so;
 * - offset pages: hasPreviousPage is `offset > 0`; cursor pages: the flag away from the direction is
 *   "a cursor was given".
 */
import { toBase64, unbase64 } from '../python-compat.ts';
import { invalidCursor, invalidParameters } from './errors.ts';
import type { Condition } from './filters.ts';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  limit?: number | null;
  offset?: number | null;
}

export type PagePlan =
  | { mode: 'offset'; limit: number; offset: number }
  | { mode: 'forward' | 'backward'; size: number; cursor: Cursor | null };

export interface Cursor {
  /** The cursor as the client sent it. */
  text: string;
  /** The row id it carries, not checked yet. */
  id: string;
}

export const DEFAULT_PAGE_SIZE = 10;

/** `base64("cursor:v1:<id>")`. */
export const encodeCursor = (id: string) => toBase64(`cursor:v1:${id}`);

/** `decode_cursor`: graphql-relay's lenient unbase64, then `cursor:v1:<id>`. */
export function decodeCursor(text: string): Cursor {
  const parts = splitPython(unbase64(text), ':', 2);
  if (parts.length !== 3 || parts[0] !== 'cursor' || parts[1] !== 'v1')
    throw invalidCursor(`Invalid cursor format: ${text}`);
  return { text, id: parts[2] as string };
}

/** Python's `str.split(sep, maxsplit)`. */
function splitPython(text: string, separator: string, maxSplit: number): string[] {
  const parts = text.split(separator);
  return parts.length <= maxSplit + 1
    ? parts
    : [...parts.slice(0, maxSplit), parts.slice(maxSplit).join(separator)];
}

export interface PlanOptions {
  modeArguments: 'sizes' | 'all';
  /** 26.2: `orderBy` given (even empty) with `first`/`last` is refused. */
  orderByWithCursorRefused: boolean;
  orderByGiven: boolean;
}

const isSet = (value: unknown) => value !== null && value !== undefined;

/** The page the arguments ask for, or the manager's refusal. */
export function planPage(args: PageArgs, options: PlanOptions): PagePlan {
  const cursorMode = isSet(args.first) || isSet(args.last);
  if (options.orderByWithCursorRefused && cursorMode && options.orderByGiven)
    throw invalidParameters('order_by cannot be used with cursor pagination (first/after, last/before)');
  const modes =
    options.modeArguments === 'sizes'
      ? [args.first, args.last, args.limit].filter(isSet).length
      : [
          isSet(args.first) || isSet(args.after),
          isSet(args.last) || isSet(args.before),
          isSet(args.limit) || isSet(args.offset),
        ].filter(Boolean).length;
  if (modes > 1)
    throw invalidParameters(
      'Only one pagination mode allowed: (first/after) OR (last/before) OR (limit/offset)',
    );
  for (const [name, size, cursor, mode] of [
    ['first', args.first, args.after, 'forward'],
    ['last', args.last, args.before, 'backward'],
  ] as const) {
    if (!isSet(size)) continue;
    if ((size as number) <= 0) throw invalidParameters(`${name} must be positive, got ${size}`);
    return { mode, size: size as number, cursor: isSet(cursor) ? decodeCursor(cursor as string) : null };
  }
  if (isSet(args.limit)) {
    if ((args.limit as number) <= 0) throw invalidParameters(`limit must be positive, got ${args.limit}`);
    return { mode: 'offset', limit: args.limit as number, offset: checkedOffset(args.offset) };
  }
  if (options.modeArguments === 'all' && isSet(args.offset))
    return { mode: 'offset', limit: DEFAULT_PAGE_SIZE, offset: checkedOffset(args.offset) };
  return { mode: 'offset', limit: DEFAULT_PAGE_SIZE, offset: 0 };
}

function checkedOffset(offset: number | null | undefined): number {
  if (isSet(offset) && (offset as number) < 0)
    throw invalidParameters(`offset must be non-negative, got ${offset}`);
  return offset ?? 0;
}

export interface SortKey<Row> {
  value: (row: Row) => string | number | null;
  descending: boolean;
}

/** ORDER BY over these keys, with PostgreSQL's NULL placement (last ascending, first descending). */
export function compareBy<Row>(keys: readonly SortKey<Row>[]): (a: Row, b: Row) => number {
  return (a, b) => {
    for (const { value, descending } of keys) {
      const [x, y] = [value(a), value(b)];
      if (x === y) continue;
      if (x === null) return descending ? -1 : 1;
      if (y === null) return descending ? 1 : -1;
      const order = x < y ? -1 : 1;
      return descending ? -order : order;
    }
    return 0;
  };
}

export interface PageOrders<Row> {
  /** The cursor order of forward pages, and the default order of offset pages. */
  forward: SortKey<Row>;
  backward: SortKey<Row>;
  tiebreaker: SortKey<Row>;
}

/** The ORDER BY of a plan: the cursor order first in cursor modes, `orderBy` or the default otherwise. */
export function orderOf<Row>(
  plan: PagePlan,
  orderBy: SortKey<Row>[],
  orders: PageOrders<Row>,
): SortKey<Row>[] {
  if (plan.mode === 'offset')
    return [...(orderBy.length > 0 ? orderBy : [orders.forward]), orders.tiebreaker];
  return [plan.mode === 'forward' ? orders.forward : orders.backward, ...orderBy, orders.tiebreaker];
}

export interface Page<Row> {
  rows: Row[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** The page of matching rows (already in the plan's order); the cursor condition applies in cursor modes. */
export function readPage<Row>(
  ordered: readonly Row[],
  plan: PagePlan,
  afterCursor: Condition<Row> | null,
): Page<Row> {
  if (plan.mode === 'offset') {
    const rows = ordered.slice(plan.offset, plan.offset + plan.limit);
    return {
      rows,
      hasNextPage: plan.offset + rows.length < ordered.length,
      hasPreviousPage: plan.offset > 0,
    };
  }
  const rows: Row[] = [];
  for (const row of ordered) {
    if (afterCursor && !afterCursor(row)) continue;
    rows.push(row);
    if (rows.length > plan.size) break;
  }
  const more = rows.length > plan.size;
  const cursorGiven = plan.cursor !== null;
  return {
    rows: rows.slice(0, plan.size),
    hasNextPage: plan.mode === 'forward' ? more : cursorGiven,
    hasPreviousPage: plan.mode === 'forward' ? cursorGiven : more,
  };
}
