/**
 * `image_nodes` semantics over the sandbox's rows, as the 26.1 manager's
 * `generate_sql_info_for_gql_connection` and `resolve_connection` give them:
 *
 * - `filter`/`order` in the mini language over the manager's image fields (`name` is the canonical name;
 *   `namespace`, `image` and `base_image_name` all mean the `image` column; `created_at` is filterable and
 *   orderable but not readable), evaluated with SQL's three-valued logic;
 * - with `offset`: an offset page of `first` (default 10) rows, ordered by `order` then id, and both
 *   `hasNextPage` and `hasPreviousPage` false;
 * - otherwise cursor pages: `first`/`after` forward, `last`/`before` backward (mixing them is an error),
 *   ordered by `order` with the id as tie break (ascending forward, descending backward, every direction
 *   reversed backward), N+1 rows fetched to tell whether more follow, backward pages turned back into
 *   display order; the cursor condition is, for each ordering column, "beyond the cursor row's value, or
 *   equal and beyond its id", as the manager writes it;
 * - `count`: every row matching scope, status and filter, whatever the page.
 */
import {
  type FilterExpr,
  MinilangSyntaxError,
  type OrderItem,
  type PlainValue,
  parseFilter,
  parseOrder,
  plainValue,
} from '../minilang/index.ts';
import type { SandboxImage } from './dataset.ts';
import { canonicalOf } from './image-views.ts';

export const DEFAULT_PAGE_SIZE = 10;

/** A GraphQL error message the resolver raises as it is (graphene shows `str(exception)`). */
export class QueryError extends Error {
  override name = 'QueryError';
}

type FieldKind = 'string' | 'uuid' | 'bool' | 'datetime' | 'status' | 'type';
type Getter = (image: SandboxImage) => string | boolean | null;

const FIELDS: Record<string, [Getter, FieldKind]> = {
  id: [(i) => i.id, 'uuid'],
  name: [(i) => canonicalOf(i), 'string'],
  namespace: [(i) => i.image, 'string'],
  image: [(i) => i.image, 'string'],
  base_image_name: [(i) => i.image, 'string'],
  tag: [(i) => i.tag, 'string'],
  status: [(i) => i.status, 'status'],
  project: [(i) => i.project, 'string'],
  created_at: [(i) => i.createdAt, 'datetime'],
  registry: [(i) => i.registry, 'string'],
  registry_id: [(i) => i.registryId, 'uuid'],
  architecture: [(i) => i.architecture, 'string'],
  is_local: [(i) => i.isLocal, 'bool'],
  type: [(i) => i.type, 'type'],
  accelerators: [(i) => i.accelerators, 'string'],
};

const ORDERABLE = new Set(Object.keys(FIELDS));

function unknownField(rule: 'binary_expr' | 'col', field: string, what: 'filter' | 'ordering'): QueryError {
  return new QueryError(
    `Query ${what} parsing error: Error trying to process rule "${rule}":\n\n('Unknown/unsupported field name', '${field}')`,
  );
}

/** Values compare as the database would: timestamps by time, enums by name, the rest as text. */
function coerce(kind: FieldKind, value: PlainValue): PlainValue {
  if (value === null || typeof value === 'boolean' || Array.isArray(value)) return value;
  switch (kind) {
    case 'datetime': {
      const time = Date.parse(String(value));
      if (Number.isNaN(time))
        throw new QueryError(`Query filter parsing error: Unknown string format: ${value}`);
      return new Date(time).toISOString();
    }
    case 'status':
    case 'type': {
      const allowed = kind === 'status' ? ['ALIVE', 'DELETED'] : ['COMPUTE', 'SYSTEM', 'SERVICE'];
      const name = String(value).toUpperCase();
      if (!allowed.includes(name))
        throw new QueryError(`Query filter parsing error: Invalid enum value: ${value}`);
      return name;
    }
    case 'uuid':
      return String(value).toLowerCase();
    default:
      return value;
  }
}

/** SQL LIKE: `%` any run, `_` one character, backslash escapes. */
function likeToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i] as string;
    if (char === '\\' && i + 1 < pattern.length)
      source += (pattern[++i] as string).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (char === '%') source += '.*';
    else if (char === '_') source += '.';
    else source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's');
}

type Truth = boolean | null;

function compareValues(column: string | boolean, op: string, value: string | number | boolean): Truth {
  const left = typeof column === 'boolean' ? column : String(column);
  const right = typeof value === 'boolean' ? value : String(value);
  switch (op) {
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case 'contains':
      return likeToRegExp(`%${right}%`, false).test(String(left));
    case 'like':
      return likeToRegExp(String(right), false).test(String(left));
    case 'ilike':
      return likeToRegExp(String(right), true).test(String(left));
    default:
      return null;
  }
}

function evaluateBinary(expr: Extract<FilterExpr, { kind: 'binary' }>, image: SandboxImage): Truth {
  const spec = FIELDS[expr.field];
  if (!spec) throw unknownField('binary_expr', expr.field, 'filter');
  const [get, kind] = spec;
  const column = get(image);
  const raw = plainValue(expr.value);
  const value = Array.isArray(raw) ? raw.map((item) => coerce(kind, item)) : coerce(kind, raw);
  if (expr.op === 'is' || expr.op === 'isnot') {
    const same = column === value;
    return expr.op === 'is' ? same : !same;
  }
  if (value === null) {
    // `col == null` is `IS NULL` in SQLAlchemy; other comparisons with NULL are unknown.
    if (expr.op === '==') return column === null;
    if (expr.op === '!=') return column !== null;
    return null;
  }
  if (column === null) return null;
  if (expr.op === 'in') {
    if (!Array.isArray(value))
      throw new QueryError(`Query filter parsing error: "in" needs a list, got ${JSON.stringify(value)}`);
    return value.some((item) => item !== null && compareValues(column, '==', item as string) === true);
  }
  if (Array.isArray(value))
    throw new QueryError(`Query filter parsing error: "${expr.op}" cannot take a list`);
  return compareValues(column, expr.op, value);
}

export function evaluate(expr: FilterExpr, image: SandboxImage): Truth {
  switch (expr.kind) {
    case 'binary':
      return evaluateBinary(expr, image);
    case 'not': {
      const inner = evaluate(expr.expr, image);
      return inner === null ? null : !inner;
    }
    case 'combine': {
      const left = evaluate(expr.left, image);
      const right = evaluate(expr.right, image);
      if (expr.op === '&')
        return left === false || right === false ? false : left === null || right === null ? null : true;
      return left === true || right === true ? true : left === null || right === null ? null : false;
    }
  }
}

export function compileFilter(source: string): (image: SandboxImage) => boolean {
  let tree: FilterExpr;
  try {
    tree = parseFilter(source);
  } catch (error) {
    if (error instanceof MinilangSyntaxError)
      throw new QueryError(`Query filter parsing error: ${error.message}`);
    throw error;
  }
  // Unknown fields and bad literals fail the query even when no row is there to evaluate.
  const probe = (expr: FilterExpr): void => {
    if (expr.kind === 'binary') {
      const spec = FIELDS[expr.field];
      if (!spec) throw unknownField('binary_expr', expr.field, 'filter');
      const raw = plainValue(expr.value);
      for (const item of Array.isArray(raw) ? raw : [raw]) coerce(spec[1], item as PlainValue);
    } else if (expr.kind === 'not') probe(expr.expr);
    else {
      probe(expr.left);
      probe(expr.right);
    }
  };
  probe(tree);
  return (image) => evaluate(tree, image) === true;
}

export function compileOrder(source: string): OrderItem[] {
  let items: OrderItem[];
  try {
    items = parseOrder(source);
  } catch (error) {
    if (error instanceof MinilangSyntaxError)
      throw new QueryError(`Query ordering parsing error: ${error.message}`);
    throw error;
  }
  for (const item of items) if (!ORDERABLE.has(item.field)) throw unknownField('col', item.field, 'ordering');
  return items;
}

/** The text a row sorts by on a field; NULL sorts after everything, as PostgreSQL puts it last ascending. */
export type SortKey<T> = (row: T, field: string) => string;

export const imageSortKey: SortKey<SandboxImage> = (image, field) => {
  const value = (FIELDS[field] as [Getter, FieldKind])[0](image);
  return value === null ? '\uffff' : String(value);
};

/** SQL ORDER BY over the columns, then the id. NULLs sort last ascending, as PostgreSQL does. */
function comparator<T extends { id: string }>(
  items: OrderItem[],
  idDescending: boolean,
  sortKey: SortKey<T>,
) {
  return (a: T, b: T): number => {
    for (const { field, descending } of items) {
      const left = sortKey(a, field);
      const right = sortKey(b, field);
      if (left !== right) return (left < right ? -1 : 1) * (descending ? -1 : 1);
    }
    return a.id === b.id ? 0 : (a.id < b.id ? -1 : 1) * (idDescending ? -1 : 1);
  };
}

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

const SINGLE_DIRECTION =
  'Can only paginate with single direction, forwards or backwards. Please set only one of (after, first) or (before, last).';

type Direction = 'forward' | 'backward' | null;

function validateCursorArgs(args: ConnectionArgs): {
  cursor: string | null;
  direction: Direction;
  size: number;
} {
  let direction: Direction = null;
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
  return { cursor, direction, size: size ?? DEFAULT_PAGE_SIZE };
}

/** The row id a cursor (an `ImageNode` global id) names; a malformed cursor names no row. */
function cursorRowId(cursor: string): string {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  return text.slice(text.indexOf(':') + 1).toLowerCase();
}

function beyondCursor<T extends { id: string }>(
  rows: readonly T[],
  items: OrderItem[],
  cursor: string,
  direction: Direction,
  sortKey: SortKey<T>,
): T[] {
  const cursorId = cursorRowId(cursor);
  const cursorRow = rows.find((row) => row.id === cursorId);
  const backward = direction === 'backward';
  const idBeyond = (row: T) => (backward ? row.id < cursorId : row.id > cursorId);
  if (items.length === 0) return rows.filter(idBeyond);
  // The manager reads the cursor row's values with a subquery; a missing row yields NULL, matching nothing.
  if (!cursorRow) return [];
  return rows.filter((row) =>
    items.every(({ field, descending }) => {
      const value = sortKey(row, field);
      const pivot = sortKey(cursorRow, field);
      const after = descending !== backward ? value < pivot : value > pivot;
      return after || (value === pivot && idBeyond(row));
    }),
  );
}

/** Rows in the manager's forward order: the order columns, then the id ascending. */
export function sortForward<T extends { id: string }>(
  rows: readonly T[],
  order: OrderItem[],
  sortKey: SortKey<T>,
): T[] {
  return [...rows].sort(comparator(order, false, sortKey));
}

/**
 * One page of rows already in forward order (`sortForward`). The backward order (every direction reversed,
 * the id descending) is exactly the reverse of it, so no page needs a sort of its own.
 */
export function paginate<T extends { id: string }>(
  sorted: readonly T[],
  order: OrderItem[],
  args: ConnectionArgs,
  maxPageSize: number | null,
  sortKey: SortKey<T>,
): ConnectionPage<T> {
  const count = sorted.length;
  const checkSize = (size: number) => {
    if (maxPageSize !== null && size > maxPageSize) {
      throw new QueryError(
        `Cannot fetch a page larger than ${maxPageSize}. Set 'first' or 'last' to a smaller integer.`,
      );
    }
  };
  if (args.offset != null) {
    const size = args.first ?? DEFAULT_PAGE_SIZE;
    checkSize(size);
    const offset = Math.max(args.offset, 0);
    return { rows: sorted.slice(offset, offset + size), count, hasNextPage: false, hasPreviousPage: false };
  }
  const { cursor, direction, size } = validateCursorArgs(args);
  checkSize(size);
  const backward = direction === 'backward';
  const inDirection = backward ? [...sorted].reverse() : sorted;
  const candidates =
    cursor === null ? inDirection : beyondCursor(inDirection, order, cursor, direction, sortKey);
  const fetched = candidates.slice(0, size + 1);
  const page = fetched.slice(0, size);
  return {
    rows: backward ? page.reverse() : page,
    count,
    hasNextPage: direction === 'forward' && size < fetched.length,
    hasPreviousPage: direction === 'backward' && size < fetched.length,
  };
}
