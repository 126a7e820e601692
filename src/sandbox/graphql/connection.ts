/**
 * Relay connections as the manager's `AsyncListConnectionField` serves them: the arguments and `filter`/
 * `order` checked in the manager's order of errors, rows filtered and sorted (cached in the state when
 * asked), one page cut by pagination.ts, and the graphene connection shape around it.
 */
import { QueryError } from '../errors.ts';
import {
  type ConnectionArgs,
  type ConnectionPage,
  checkPageSize,
  forwardComparator,
  type PagingRules,
  pageRequest,
  paginate,
} from '../pagination.ts';
import type { FieldSpec } from '../query-language/field-spec.ts';
import { compileFilter } from '../query-language/filter.ts';
import { compileOrder, type OrderItem, sortKeyOf } from '../query-language/order.ts';
import type { SandboxState } from '../state.ts';

/** A graphene connection: each node's global id is its edge's cursor. */
export function connectionOf<T, N extends { id: string } | null>(
  page: ConnectionPage<T>,
  view: (row: T) => N,
) {
  const edges = page.rows.map((row) => {
    const node = view(row);
    return { node, cursor: node?.id };
  });
  return {
    edges,
    count: page.count,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

export interface ConnectionQuery<T> {
  args: ConnectionArgs & { filter?: string | null; order?: string | null };
  filterFields: FieldSpec<T>;
  orderFields: FieldSpec<T>;
  rules: PagingRules;
  /** Runs once the arguments are known to be good (scope checks fail here, after argument errors). */
  checkScope?: () => void;
  /** Rows in scope, before the filter. */
  rowsInScope: () => T[];
  rowById: (id: string) => T | undefined;
  /** Caches the filtered, sorted rows under this key when given. */
  cache?: { key: string; state: SandboxState };
}

/** `generate_sql_info_for_gql_connection` and the query it builds, with the manager's order of errors. */
export function connectionPage<T extends { id: string }>(query: ConnectionQuery<T>): ConnectionPage<T> {
  const { args } = query;
  const request = pageRequest(args);
  const order: OrderItem[] = args.order != null ? compileOrder(args.order, query.orderFields) : [];
  const filter = args.filter != null ? compileFilter(args.filter, query.filterFields) : null;
  checkPageSize(request, query.rules.maxPageSize);
  query.checkScope?.();
  if (filter?.executionError) throw new QueryError(filter.executionError);
  const keyOf = sortKeyOf(query.orderFields);
  // Filtering and sorting every row is what a database index spares; cached until the data changes.
  const sortRows = () =>
    query
      .rowsInScope()
      .filter((row) => !filter || filter.test(row))
      .sort(forwardComparator(order, keyOf));
  const sorted = query.cache ? query.cache.state.orderedMatchesFor(query.cache.key, sortRows) : sortRows();
  return paginate(sorted, order, request, keyOf, query.rowById, query.rules);
}
