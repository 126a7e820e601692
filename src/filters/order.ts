/**
 * `orderBy` of the released API: to the legacy `order` text where the manager can page by it correctly
 * (one column: the manager adds the id as tie break itself, and with more than one column its cursor
 * condition goes wrong), else a comparator for ordering in the gateway. Newest first by default.
 */
import type { FilterSubject } from './evaluate.ts';

export type OrderField = 'NAME' | 'CREATED_AT' | 'LAST_USED';

export interface OrderByInput {
  field: OrderField;
  direction?: 'ASC' | 'DESC' | null;
}

export interface OrderSubject extends FilterSubject {
  createdAt: string | null;
}

export const NEWEST_FIRST: OrderByInput[] = [{ field: 'CREATED_AT', direction: 'DESC' }];

/** LAST_USED is unknown to legacy managers (always null), so it orders nothing. */
function effective(orderBy: OrderByInput[]): OrderByInput[] {
  return orderBy.filter((item) => item.field !== 'LAST_USED');
}

const LEGACY_COLUMN: Record<Exclude<OrderField, 'LAST_USED'>, string> = {
  NAME: 'name',
  CREATED_AT: 'created_at',
};

/** The legacy `order` text, or null when the gateway must order (more than one column). */
export function legacyOrderOf(orderBy: OrderByInput[] | null | undefined): string | null {
  const items = effective(orderBy?.length ? orderBy : NEWEST_FIRST);
  if (items.length > 1) return null;
  const [item] = items;
  if (!item) return '';
  return `${item.direction === 'DESC' ? '-' : ''}${LEGACY_COLUMN[item.field as Exclude<OrderField, 'LAST_USED'>]}`;
}

/** Ordering in the gateway: the given fields, then the id, as the manager would. */
export function comparatorOf(orderBy: OrderByInput[] | null | undefined) {
  const items = effective(orderBy?.length ? orderBy : NEWEST_FIRST);
  const key = (subject: OrderSubject, field: OrderField) =>
    field === 'NAME' ? subject.name : (subject.createdAt ?? '\uffff');
  return (a: OrderSubject, b: OrderSubject): number => {
    for (const { field, direction } of items) {
      const [x, y] = [key(a, field), key(b, field)];
      if (x !== y) return (x < y ? -1 : 1) * (direction === 'DESC' ? -1 : 1);
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}
