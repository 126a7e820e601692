/**
 * A superadmin's listing as the native API gives it: every row of the images table, any registry (private
 * ones and those its domain does not allow included), every user's customized images, ALIVE and DELETED.
 *
 * No paged legacy read holds all of them: `image_nodes` is RBAC-scoped even for a superadmin, and no scope,
 * nor any set of scopes, reaches other users' customized images in non-global registries or registries
 * the superadmin's domain does not allow (ImagePermissionContextBuilder, unchanged from 25.6 to 26.3). The
 * unpaginated `images` list with every load filter is the one read of every row, so the gateway reads it
 * whole, with the caller's own credentials, and filters, orders and pages it itself:
 *
 * 1. the caller's system scope from `image_nodes`, ids only, in the manager's order: each row's rank, since
 *    the legacy API shows no creation time to order by; its count also bounds the read before the
 *    unpaged list is asked for (`MAX_GATEWAY_SCAN_ROWS`);
 * 2. `images`, every row with the listed statuses, checked against the same bound, with only the fields
 *    filters and orders read (a fifth of a whole row), or only the ids where nothing is filtered here and
 *    the order needs no name;
 * 3. the filter applied, the rows ordered (rows outside the manager's scopes after the ranked ones, by id;
 *    see src/filters/order.ts) and the page cut;
 * 4. the page's rows read whole: those the scope holds with one `image_nodes` call by id, the others by
 *    `image(id)` in the same request, and a DELETED one of those (which 26.1's `image(id)` does not load)
 *    from the `images` list of DELETED rows.
 *
 * A page costs four upstream requests (the role before these three) and reads the whole table's keys.
 * A filter that names at most `MAX_IDS_READ_BY_ID` ids reads only those images, by id.
 */
import { scanLimitExceeded } from '../errors/index.ts';
import {
  type Condition,
  type ImageStatus,
  isAlways,
  legacyOrderOf,
  namedIds,
  needsManagerRank,
  type OrderByInput,
  ordersByName,
} from '../filters/index.ts';
import { canonicalName, type LegacyImageRow } from '../image/index.ts';
import { compare, printFilter } from '../minilang/index.ts';
import type { PagePlan } from '../relay/index.ts';
import { slicePage } from '../relay/index.ts';
import {
  connectionOf,
  filterRows,
  orderRows,
  type RegistryIdOf,
  type RowKey,
  rowStatus,
} from './held-rows.ts';
import { type LegacyImagePort, rowsOf } from './image-v2.ts';
import {
  IMAGE_COUNT_SELECTION,
  IMAGE_ID_SELECTION,
  IMAGE_KEY_SELECTION,
  IMAGE_RANK_SELECTION,
  imageNodesArgs,
  imageTableArgs,
} from './legacy-image-query.ts';
import { type ManagerPageCap, readWholeMatch, type ScanBudget } from './whole-match.ts';

export interface WholeTableSource {
  port: LegacyImagePort;
  budget: ScanBudget;
  pageCap: ManagerPageCap;
  registryIdOf: RegistryIdOf;
}

export interface WholeTableQuery {
  condition: Condition;
  statuses: ImageStatus[];
  orderBy: OrderByInput[] | null | undefined;
}

/** The rank of each row of the caller's system scope, or only its size where the order needs no rank. */
async function systemScopeRank(
  query: WholeTableQuery,
  source: WholeTableSource,
): Promise<Map<string, number> | null> {
  const { port, budget, pageCap } = source;
  const statuses = query.statuses;
  if (!needsManagerRank(query.orderBy)) {
    const sized = await port.imagePage(
      imageNodesArgs({ kind: 'offset', offset: 0, size: 1 }, { statuses, order: 'id' }),
      IMAGE_COUNT_SELECTION,
    );
    if ((sized.count ?? 0) > budget.maxRows)
      throw scanLimitExceeded(budget.setting, budget.maxRows, sized.count);
    return null;
  }
  const order = legacyOrderOf(query.orderBy).text;
  const ids = await readWholeMatch(
    async (offset, size) => {
      const page = await port.imagePage(
        imageNodesArgs({ kind: 'offset', offset, size }, { statuses, order }),
        IMAGE_RANK_SELECTION,
      );
      return { count: page.count, rows: rowsOf(page).map((row) => row.row_id) };
    },
    budget,
    pageCap,
  );
  return new Map(ids.map((id, index) => [id, index]));
}

/**
 * The named rows of the caller's system scope, in the manager's `order`: one `image_nodes` call filtered
 * by id, in pages of the manager's cap (asked in one tick: one request).
 */
function scopedRowsById(
  ids: string[],
  statuses: ImageStatus[],
  order: string,
  source: WholeTableSource,
): Promise<LegacyImageRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  const filter = printFilter(compare('id', 'in', ids));
  return readWholeMatch(
    async (offset, size) => {
      const page = await source.port.imagePage(
        imageNodesArgs({ kind: 'offset', offset, size }, { statuses, filter, order }),
      );
      return { count: page.count, rows: rowsOf(page) };
    },
    source.budget,
    source.pageCap,
  );
}

/**
 * Rows outside the caller's scopes, by `image(id)` (asked in one tick: one request), of the listed
 * statuses; a DELETED one, which 26.1's `image(id)` does not load, from the `images` list of DELETED rows.
 */
async function rowsOutsideScopes(
  ids: string[],
  statuses: ImageStatus[],
  source: WholeTableSource,
): Promise<LegacyImageRow[]> {
  if (ids.length === 0) return [];
  const found = new Map<string, LegacyImageRow>();
  for (const row of await Promise.all(ids.map((id) => source.port.imageOutsideScopes(id))))
    if (row) found.set(row.row_id, row);
  if (ids.some((id) => !found.has(id)) && statuses.includes('DELETED')) {
    for (const row of await source.port.imageTable(imageTableArgs(['DELETED'])))
      if (ids.includes(row.row_id)) found.set(row.row_id, row);
  }
  return ids.flatMap((id) => {
    const row = found.get(id);
    return row && statuses.includes(rowStatus(row)) ? [row] : [];
  });
}

/** The page's rows read whole, in the page's order. */
async function wholeRows(
  ids: string[],
  statuses: ImageStatus[],
  source: WholeTableSource,
): Promise<LegacyImageRow[]> {
  if (ids.length === 0) return [];
  const scoped = await scopedRowsById(ids, statuses, 'id', source);
  const found = new Map(scoped.map((row) => [row.row_id, row]));
  const outside = await rowsOutsideScopes(
    ids.filter((id) => !found.has(id)),
    statuses,
    source,
  );
  for (const row of outside) found.set(row.row_id, row);
  return ids.flatMap((id) => {
    const row = found.get(id);
    return row ? [row] : [];
  });
}

/**
 * How many ids a filter may name and still be read by id rather than through the whole table: as many as
 * `nodes(ids)` takes by default. The web UI's image picker resolves its selected values this way.
 */
export const MAX_IDS_READ_BY_ID = 100;

/**
 * The images a filter names (see src/filters/named-ids.ts), read by id: those of the caller's system scope
 * with one `image_nodes` call in the manager's order for the listing's order (their rank), the others by
 * `image(id)`; then filtered, ordered and paged as the whole table would be. Two or three upstream
 * requests (the role, the scope's rows, the others), whatever the size of the table.
 */
async function listNamedImages(
  plan: PagePlan,
  query: WholeTableQuery,
  ids: string[],
  source: WholeTableSource,
) {
  const { statuses } = query;
  const scoped = await scopedRowsById(ids, statuses, legacyOrderOf(query.orderBy).text, source);
  const rank = new Map(scoped.map((row, index) => [row.row_id, index]));
  const outside = await rowsOutsideScopes(
    ids.filter((id) => !rank.has(id)),
    statuses,
    source,
  );
  const matching = await filterRows([...scoped, ...outside], query.condition, source.registryIdOf);
  const kept = orderRows(matching, query.orderBy, rank, canonicalName);
  const page = slicePage(kept, plan, (row) => row.row_id);
  return connectionOf(plan, page.nodes, kept.length, page.hasMore);
}

export async function listWholeTable(plan: PagePlan, query: WholeTableQuery, source: WholeTableSource) {
  const { port, budget } = source;
  const named = namedIds(query.condition);
  if (named && named.size <= MAX_IDS_READ_BY_ID) return listNamedImages(plan, query, [...named], source);
  const rank = await systemScopeRank(query, source);
  const args = imageTableArgs(query.statuses);
  let kept: Pick<RowKey, 'row_id'>[];
  if (isAlways(query.condition) && !ordersByName(query.orderBy)) {
    const ids = await port.imageTable<Pick<RowKey, 'row_id'>>(args, IMAGE_ID_SELECTION);
    if (ids.length > budget.maxRows) throw scanLimitExceeded(budget.setting, budget.maxRows, ids.length);
    kept = orderRows(ids, query.orderBy, rank, null);
  } else {
    const keys = await port.imageTable<RowKey>(args, IMAGE_KEY_SELECTION);
    if (keys.length > budget.maxRows) throw scanLimitExceeded(budget.setting, budget.maxRows, keys.length);
    const matching = await filterRows(keys, query.condition, source.registryIdOf);
    kept = orderRows(matching, query.orderBy, rank, canonicalName);
  }
  const page = slicePage(kept, plan, (key) => key.row_id);
  const rows = await wholeRows(
    page.nodes.map((key) => key.row_id),
    query.statuses,
    source,
  );
  return connectionOf(plan, rows, kept.length, page.hasMore);
}
