/**
 * Image listings (`imagesV2`, `adminImagesV2`, `containerRegistryImagesV2`): which upstream reads a page
 * takes, for whom.
 *
 * - The caller's role is asked first, once per request; for fields any user may call, the page the manager
 *   can give is asked in the same tick, so a plain user's page is one upstream HTTP request.
 * - A superadmin lists what the native API lists, the whole table (whole-table.ts).
 * - Anyone else reads with its own credentials what the manager lets it see: one `image_nodes` page where
 *   the manager can filter, order and page it all (the filter pushed down in the release's own language,
 *   top-level statuses as `filter_by_statuses`); otherwise the whole match, bounded (whole-match.ts), then
 *   filtered, ordered and paged here. The role is known before any such whole read.
 * - Managers before 26.1 count only the rows after a cursor: a cursor page asks the total apart, in the
 *   same tick. A page without a count is read whole instead.
 */
import { adminExclusiveAccess } from '../errors/index.ts';
import {
  allOf,
  type Condition,
  compileFilter,
  type FilterLanguage,
  type ImageStatus,
  type ImageV2FilterInput,
  isAlways,
  legacyOrderOf,
  type OrderByInput,
  planPushdown,
} from '../filters/index.ts';
import type { LegacyImageRow } from '../image/index.ts';
import { buildConnection, type PagePlan, planPage } from '../relay/index.ts';
import { filterRows, pageOfRows, type RegistryIdOf } from './held-rows.ts';
import {
  connectionFromLegacyPage,
  type LegacyImageConnection,
  type LegacyImagePort,
  type PaginationArgs,
  type PaginationLimits,
  rowsOf,
} from './image-v2.ts';
import { IMAGE_COUNT_SELECTION, type ImageQuery, imageNodesArgs } from './legacy-image-query.ts';
import { type ManagerPageCap, readWholeMatch, type ScanBudget } from './whole-match.ts';
import { listWholeTable } from './whole-table.ts';

export interface ImageListArgs extends PaginationArgs {
  filter?: ImageV2FilterInput | null;
  orderBy?: OrderByInput[] | null;
}

/** What a release's `image_nodes` accepts and answers, as far as listings care. */
export interface ListingTraits {
  language: FilterLanguage;
  countIgnoresCursor: boolean;
}

export interface ListingSource {
  port: LegacyImagePort;
  limits: PaginationLimits;
  budget: ScanBudget;
  pageCap: ManagerPageCap;
  traits: ListingTraits;
  /** The caller's role as the manager knows it, asked once per request. */
  role: () => Promise<string | null>;
  registryIdOf: RegistryIdOf;
}

export interface ListingRequest {
  args: ImageListArgs;
  /** A condition of the root field itself (the registry of `containerRegistryImagesV2`). */
  base?: Condition | null;
  /** The statuses listed when the filter does not narrow them. */
  statuses: readonly ImageStatus[];
  /** `adminImagesV2`: superadmins only, as natively. */
  adminOnly?: boolean;
}

/** One manager page, with its total asked apart (same tick) where the release counts past the cursor. */
function managerPage(plan: PagePlan, query: ImageQuery, source: ListingSource) {
  const page = source.port.imagePage(imageNodesArgs(plan, query));
  const cursor = (plan.kind === 'forward' && plan.afterId) || (plan.kind === 'backward' && plan.beforeId);
  if (!cursor || source.traits.countIgnoresCursor) return page;
  const total = source.port.imagePage(
    imageNodesArgs({ kind: 'offset', offset: 0, size: 1 }, query),
    IMAGE_COUNT_SELECTION,
  );
  return Promise.all([page, total]).then(([rows, counted]) => ({ ...rows, count: counted.count }));
}

/** Every row of the caller's own listing matching `query`, in its order, bounded. */
function scopedWholeMatch(query: ImageQuery, source: ListingSource): Promise<LegacyImageRow[]> {
  return readWholeMatch(
    async (offset, size) => {
      const page = await source.port.imagePage(imageNodesArgs({ kind: 'offset', offset, size }, query));
      return { count: page.count, rows: rowsOf(page) };
    },
    source.budget,
    source.pageCap,
  );
}

export async function resolveImageList(request: ListingRequest, source: ListingSource) {
  const { args } = request;
  const plan = planPage(args, source.limits);
  const filter = compileFilter(args.filter);
  const condition = !request.base ? filter : isAlways(filter) ? request.base : allOf([filter, request.base]);
  const pushdown = planPushdown(condition, {
    language: source.traits.language,
    statuses: request.statuses,
  });
  const order = legacyOrderOf(args.orderBy);
  const query: ImageQuery = {
    statuses: pushdown.statuses,
    ...(pushdown.legacyFilter ? { filter: pushdown.legacyFilter } : {}),
    order: order.text,
  };
  const pagedByManager = isAlways(pushdown.residual) && order.cursorSafe && query.statuses.length > 0;
  const role = source.role();
  let page: Promise<LegacyImageConnection> | null = null;
  if (pagedByManager && !request.adminOnly) {
    page = managerPage(plan, query, source);
    page.catch(() => undefined); // a superadmin never reads it
  }
  const isSuperadmin = (await role) === 'superadmin';
  if (request.adminOnly && !isSuperadmin) throw adminExclusiveAccess();
  // `filter_by_statuses: []` would mean every status to the manager.
  if (query.statuses.length === 0)
    return buildConnection({ plan, nodes: [], count: 0, hasMore: false, cursorOf: () => '' });
  if (isSuperadmin) {
    return listWholeTable(plan, { condition, statuses: query.statuses, orderBy: args.orderBy }, source);
  }
  const answered = page && (await page);
  if (answered && answered.count !== null)
    return connectionFromLegacyPage(plan, { ...answered, count: answered.count });
  const rows = await scopedWholeMatch(query, source);
  return pageOfRows(plan, await filterRows(rows, pushdown.residual, source.registryIdOf));
}
