/**
 * Pagination arguments: checked with the native rules and messages (the manager's `build_pagination`), then
 * turned into the plan (`PagePlan`) the gateway fetches. The three modes are exclusive: `first`/`after`
 * (forward), `last`/`before` (backward) and `limit`/`offset`; giving arguments of two modes is an error.
 *
 * Where the gateway departs from the native API, on purpose:
 * - a cursor without a size is honoured with the default size (the native API silently ignores `after`
 *   without `first` and `before` without `last`, and pages from the start instead);
 * - no arguments at all is the first page forward (natively an offset page at 0: the same rows and flags);
 * - with `maxPageSize` set, a larger explicit size is an error rather than a silently shorter page, and the
 *   default size never exceeds it (a caller is not refused for a size it did not ask for);
 * - sizes and offsets must be integers (GraphQL's `Int` already ensures it; this guards direct callers).
 */
import { invalidParameters } from '../errors/index.ts';
import { decodeCursor } from './cursor.ts';

export interface PaginationArgs {
  first?: number | null;
  last?: number | null;
  before?: string | null;
  after?: string | null;
  limit?: number | null;
  offset?: number | null;
}

export type PagePlan =
  | { kind: 'forward'; size: number; afterId: string | null }
  | { kind: 'backward'; size: number; beforeId: string | null }
  | { kind: 'offset'; size: number; offset: number };

export interface PageOptions {
  /** Page size when the caller gives none: 10, as natively. */
  defaultPageSize?: number;
  /**
   * Largest size a caller may ask for; unset: no limit, as the native ImageV2 API. (The legacy graphene API
   * has `api.max-gql-connection-page-size`, unset by default, and refuses a larger page with "Cannot fetch a
   * page larger than <max>. Set 'first' or 'last' to a smaller integer.")
   */
  maxPageSize?: number;
}

export const DEFAULT_PAGE_SIZE = 10;

export const MIXED_MODES_DETAIL =
  'Only one pagination mode allowed: (first/after) OR (last/before) OR (limit/offset)';

/** GraphQL gives an absent argument as undefined and an explicit null as null; both mean "not given". */
const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

type Mode = PagePlan['kind'];

/** The one mode the arguments use, or null for none. */
export function paginationMode(args: PaginationArgs): Mode | null {
  const used: Mode[] = [];
  if (given(args.first) || given(args.after)) used.push('forward');
  if (given(args.last) || given(args.before)) used.push('backward');
  if (given(args.limit) || given(args.offset)) used.push('offset');
  if (used.length > 1) throw invalidParameters(MIXED_MODES_DETAIL);
  return used[0] ?? null;
}

/** A requested page size, or the default when none is given. */
export function pageSize(name: string, value: number | null | undefined, options: PageOptions): number {
  const max = options.maxPageSize;
  const fallback = options.defaultPageSize ?? DEFAULT_PAGE_SIZE;
  if (!given(value)) return max === undefined ? fallback : Math.min(fallback, max);
  if (!Number.isInteger(value)) throw invalidParameters(`${name} must be an integer, got ${value}`);
  if (value <= 0) throw invalidParameters(`${name} must be positive, got ${value}`);
  if (max !== undefined && value > max)
    throw invalidParameters(`${name} must be at most ${max}, got ${value}`);
  return value;
}

/** A requested offset, 0 when none is given. */
export function pageOffset(value: number | null | undefined): number {
  if (!given(value)) return 0;
  if (!Number.isInteger(value)) throw invalidParameters(`offset must be an integer, got ${value}`);
  if (value < 0) throw invalidParameters(`offset must be non-negative, got ${value}`);
  return value;
}

/** Checks the arguments (sizes before cursors, as natively) and returns the page to fetch. */
export function planPage(args: PaginationArgs, options: PageOptions = {}): PagePlan {
  switch (paginationMode(args)) {
    case 'backward': {
      const size = pageSize('last', args.last, options);
      return { kind: 'backward', size, beforeId: given(args.before) ? decodeCursor(args.before) : null };
    }
    case 'offset': {
      const size = pageSize('limit', args.limit, options);
      return { kind: 'offset', size, offset: pageOffset(args.offset) };
    }
    default: {
      const size = pageSize('first', args.first, options);
      return { kind: 'forward', size, afterId: given(args.after) ? decodeCursor(args.after) : null };
    }
  }
}
