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
 * 2. `images`, every row with the listed statuses, checked against the same bound;
 * 3. the filter applied, the rows ordered (rows outside the manager's scopes after the ranked ones, by id;
 *    see src/filters/order.ts) and the page cut.
 *
 * A page costs three upstream requests (the role before these two), and reads the whole table.
 */
import { scanLimitExceeded } from '../errors/index.ts';
import {
  type Condition,
  type ImageStatus,
  legacyOrderOf,
  needsManagerRank,
  type OrderByInput,
} from '../filters/index.ts';
import type { PagePlan } from '../relay/index.ts';
import { filterRows, orderRows, pageOfRows, type RegistryIdOf } from './held-rows.ts';
import { type LegacyImagePort, rowsOf } from './image-v2.ts';
import {
  IMAGE_COUNT_SELECTION,
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

export async function listWholeTable(plan: PagePlan, query: WholeTableQuery, source: WholeTableSource) {
  const { port, budget } = source;
  const rank = await systemScopeRank(query, source);
  const table = await port.imageTable(imageTableArgs(query.statuses));
  if (table.length > budget.maxRows) throw scanLimitExceeded(budget.setting, budget.maxRows, table.length);
  const kept = await filterRows(table, query.condition, source.registryIdOf);
  return pageOfRows(plan, orderRows(kept, query.orderBy, rank));
}
