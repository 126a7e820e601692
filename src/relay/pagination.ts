/**
 * Pagination arguments: checked with the native rules and messages, then turned into a plan
 * (`PagePlan`) that the gateway sends upstream. The three modes are exclusive:
 * `first`/`after` (forward), `last`/`before` (backward) and `limit`/`offset`.
 *
 * Unlike the native API, a cursor without a size is honoured with the default size (the native API
 * silently ignores `after` without `first`, a quirk not worth copying), and a page size above the
 * configured maximum is an error rather than a silently shorter page.
 */
import { invalidParameters } from '../errors/index.ts';
import { decodeCursor } from './global-id.ts';

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
  defaultPageSize?: number;
  maxPageSize?: number;
}

export const DEFAULT_PAGE_SIZE = 10;

const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

function checkSize(
  name: string,
  value: number | null | undefined,
  fallback: number,
  max: number | undefined,
): number {
  if (!given(value)) return fallback;
  if (value <= 0) throw invalidParameters(`${name} must be positive, got ${value}`);
  if (max !== undefined && value > max)
    throw invalidParameters(`${name} must be at most ${max}, got ${value}`);
  return value;
}

export function planPage(args: PaginationArgs, options: PageOptions = {}): PagePlan {
  const fallback = options.defaultPageSize ?? DEFAULT_PAGE_SIZE;
  const max = options.maxPageSize;
  const forward = given(args.first) || given(args.after);
  const backward = given(args.last) || given(args.before);
  const offsetMode = given(args.limit) || given(args.offset);
  if ([forward, backward, offsetMode].filter(Boolean).length > 1) {
    throw invalidParameters(
      'Only one pagination mode allowed: (first/after) OR (last/before) OR (limit/offset)',
    );
  }
  if (backward) {
    const size = checkSize('last', args.last, fallback, max);
    return { kind: 'backward', size, beforeId: given(args.before) ? decodeCursor(args.before) : null };
  }
  if (offsetMode) {
    const size = checkSize('limit', args.limit, fallback, max);
    const offset = args.offset ?? 0;
    if (offset < 0) throw invalidParameters(`offset must be non-negative, got ${offset}`);
    return { kind: 'offset', size, offset };
  }
  const size = checkSize('first', args.first, fallback, max);
  return { kind: 'forward', size, afterId: given(args.after) ? decodeCursor(args.after) : null };
}
