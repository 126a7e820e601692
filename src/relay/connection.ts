/**
 * A Relay connection from one page of nodes that are already in display order. The caller says whether rows
 * lie beyond the page in the paging direction (`hasMore`, known upstream by fetching one row more); the flag
 * the other way comes from the plan. `pageInfo` per mode:
 * - forward (`first`/`after`): `hasNextPage` = `hasMore`; `hasPreviousPage` = an `after` cursor was given
 *   (the cursor's own row lies before the page). As natively.
 * - backward (`last`/`before`): the mirror image: `hasPreviousPage` = `hasMore`; `hasNextPage` = a `before`
 *   cursor was given. As natively.
 * - offset (`limit`/`offset`): `hasNextPage` = rows remain after `offset + nodes.length` of `count`;
 *   `hasPreviousPage` = `offset > 0` and some row matches at all. Natively `offset > 0` alone, which claims a
 *   previous page for an empty result.
 * `startCursor`/`endCursor` are the first and last edges' cursors, null for an empty page.
 */
import type { PagePlan } from './pagination.ts';

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  count: number;
}

export interface ConnectionInput<T> {
  plan: PagePlan;
  /** The page's nodes, already in display order. */
  nodes: T[];
  /** How many nodes match over all pages. */
  count: number;
  /** Whether more nodes lie beyond this page in the paging direction. */
  hasMore: boolean;
  cursorOf: (node: T) => string;
}

function pageFlags<T>(input: ConnectionInput<T>): Pick<PageInfo, 'hasNextPage' | 'hasPreviousPage'> {
  const { plan } = input;
  switch (plan.kind) {
    case 'forward':
      return { hasNextPage: input.hasMore, hasPreviousPage: plan.afterId !== null };
    case 'backward':
      return { hasNextPage: plan.beforeId !== null, hasPreviousPage: input.hasMore };
    case 'offset':
      return {
        hasNextPage: plan.offset + input.nodes.length < input.count,
        hasPreviousPage: plan.offset > 0 && input.count > 0,
      };
  }
}

export function buildConnection<T>(input: ConnectionInput<T>): Connection<T> {
  const edges = input.nodes.map((node) => ({ cursor: input.cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      ...pageFlags(input),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    count: input.count,
  };
}
