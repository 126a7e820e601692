/**
 * One page of an already ordered list, by a `PagePlan`: for connections the gateway pages itself (aliases,
 * and filters the manager cannot apply). A cursor that names no item of the list gives an empty page, as
 * the manager's cursor condition on a row that no longer matches does.
 */
import type { PagePlan } from './pagination.ts';

export interface PageSlice<T> {
  nodes: T[];
  /** Whether items lie beyond the page in the paging direction. */
  hasMore: boolean;
}

export function slicePage<T>(items: readonly T[], plan: PagePlan, idOf: (item: T) => string): PageSlice<T> {
  switch (plan.kind) {
    case 'forward': {
      const start = plan.afterId === null ? 0 : items.findIndex((item) => idOf(item) === plan.afterId) + 1;
      if (start === 0 && plan.afterId !== null) return { nodes: [], hasMore: false };
      return { nodes: items.slice(start, start + plan.size), hasMore: start + plan.size < items.length };
    }
    case 'backward': {
      const end =
        plan.beforeId === null ? items.length : items.findIndex((item) => idOf(item) === plan.beforeId);
      if (end < 0) return { nodes: [], hasMore: false };
      const start = Math.max(0, end - plan.size);
      return { nodes: items.slice(start, end), hasMore: start > 0 };
    }
    case 'offset':
      return {
        nodes: items.slice(plan.offset, plan.offset + plan.size),
        hasMore: plan.offset + plan.size < items.length,
      };
  }
}
