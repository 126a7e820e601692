/**
 * `orderBy` of the released API in the legacy `order` language. The manager orders by any columns
 * (then the id), but its cursor condition is only right for one column (it ANDs one condition per
 * column), so an order of more columns is read with offsets and paged in the gateway. Newest first by
 * default. LAST_USED orders nothing: legacy managers do not know the last use (it is null everywhere).
 */

export type OrderField = 'NAME' | 'CREATED_AT' | 'LAST_USED';

export interface OrderByInput {
  field: OrderField;
  direction?: 'ASC' | 'DESC' | null;
}

export const NEWEST_FIRST: OrderByInput[] = [{ field: 'CREATED_AT', direction: 'DESC' }];

const LEGACY_COLUMN: Record<OrderField, string | null> = {
  NAME: 'name',
  CREATED_AT: 'created_at',
  LAST_USED: null,
};

export interface LegacyOrder {
  /** The legacy `order` text ('' for the manager's own order by id). */
  text: string;
  /** Whether the manager can page by it with cursors (at most one column). */
  cursorSafe: boolean;
}

export function legacyOrderOf(orderBy: OrderByInput[] | null | undefined): LegacyOrder {
  const columns = (orderBy?.length ? orderBy : NEWEST_FIRST).flatMap((item) => {
    const column = LEGACY_COLUMN[item.field];
    return column ? [`${item.direction === 'DESC' ? '-' : ''}${column}`] : [];
  });
  return { text: columns.join(','), cursorSafe: columns.length <= 1 };
}
