/**
 * `orderBy` of the released API in the legacy `order` language. The manager orders by any columns
 * (then the id), but its cursor condition is only right for one column (it ANDs one condition per
 * column), so an order of more columns is read with offsets and paged in the gateway. Newest first by
 * default. LAST_USED orders nothing: legacy managers do not know the last use (it is null everywhere).
 * With no column left the order is the id, written out: 25.6 ignores a cursor when no order is given.
 *
 * Rows the gateway holds whole (a superadmin's whole table, which the manager does not page) are ordered
 * here: the legacy API never shows a creation time, so an order by it follows the position the manager
 * gives each row in its own ordered listing (`rank`); rows that listing does not hold (the manager's
 * scopes do not reach them) come after every ranked row, by name where asked, then by id.
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
  return { text: columns.length > 0 ? columns.join(',') : 'id', cursorSafe: columns.length <= 1 };
}

/** Whether an order needs the manager's own ordering (it involves the creation time, which nobody reads). */
export function needsManagerRank(orderBy: OrderByInput[] | null | undefined): boolean {
  return (orderBy?.length ? orderBy : NEWEST_FIRST).some((item) => item.field === 'CREATED_AT');
}

/** Whether the order compares canonical names (otherwise rows compare by the manager's rank and id only). */
export function ordersByName(orderBy: OrderByInput[] | null | undefined): boolean {
  return (orderBy?.length ? orderBy : NEWEST_FIRST).some((item) => item.field === 'NAME');
}

export interface HeldRow {
  id: string;
  /** The canonical name. */
  name: string;
}

const byText = (a: string, b: string) => (a === b ? 0 : a < b ? -1 : 1);

/**
 * The order of rows held whole. `rankOf` is a row's position in the manager's listing ordered by the same
 * `order` text (undefined where that listing does not hold the row); it is only asked for orders that
 * need it (`needsManagerRank`).
 */
export function compareHeldRows(
  orderBy: OrderByInput[] | null | undefined,
  rankOf: (id: string) => number | undefined,
): (a: HeldRow, b: HeldRow) => number {
  const items = orderBy?.length ? orderBy : NEWEST_FIRST;
  const ranked = needsManagerRank(items);
  return (a, b) => {
    if (ranked) {
      const [ra, rb] = [rankOf(a.id), rankOf(b.id)];
      if (ra !== undefined || rb !== undefined) {
        if (ra === undefined) return 1;
        if (rb === undefined) return -1;
        return ra - rb;
      }
    }
    for (const item of items) {
      if (item.field !== 'NAME') continue;
      const order = byText(a.name, b.name) * (item.direction === 'DESC' ? -1 : 1);
      if (order !== 0) return order;
    }
    return byText(a.id, b.id);
  };
}
