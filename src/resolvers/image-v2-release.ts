/**
 * The released API's image lists (`adminImagesV2`, `containerRegistryImagesV2`) and `ImageV2.aliases`.
 *
 * A filter goes down to the manager in the legacy filter language wherever it can, and the manager filters,
 * orders, counts and pages in one `image_nodes` call. What the language cannot express (aliases, last use)
 * and orders over more than one field are applied here instead: every image matching the rest is read
 * (offset pages of `GATEWAY_SCAN_PAGE`, ordered by the manager), then filtered and paged in the gateway,
 * still correct across pages, at the cost of reading the whole match.
 */
import { createHash } from 'node:crypto';
import { adminExclusiveAccess } from '../errors/index.ts';
import {
  allOf,
  type Condition,
  compileAliasFilter,
  compileFilter,
  evaluate,
  type FilterSubject,
  type ImageV2AliasFilterInput,
  type ImageV2FilterInput,
  isAlways,
  legacyOrderOf,
  type OrderByInput,
  planPushdown,
} from '../filters/index.ts';
import { canonicalName, type LegacyImageRow } from '../image/index.ts';
import {
  buildConnection,
  encodeCursor,
  encodeGlobalId,
  type PagePlan,
  planPage,
  slicePage,
} from '../relay/index.ts';
import {
  connectionFromLegacyPage,
  imageV2FromLegacy,
  type LegacyImagePort,
  type PaginationArgs,
  type PaginationLimits,
  rowIdOf,
  rowsOf,
} from './image-v2.ts';
import { imageNodesArgs } from './legacy-image-query.ts';
import type { RegistryDirectory } from './registry-directory.ts';

export interface ImageListArgs extends PaginationArgs {
  filter?: ImageV2FilterInput | null;
  orderBy?: OrderByInput[] | null;
}

/** `adminImagesV2` lists images of any status: no default status filter, as the native API. */
const ANY_STATUS = ['ALIVE', 'DELETED'] as const;

/** How many rows one upstream call reads when the gateway must read a whole match. */
export const GATEWAY_SCAN_PAGE = 500;

function mentions(condition: Condition, field: 'registryId'): boolean {
  switch (condition.kind) {
    case 'uuid':
      return condition.field === field;
    case 'and':
    case 'or':
      return condition.items.some((item) => mentions(item, field));
    case 'not':
      return mentions(condition.item, field);
    default:
      return false;
  }
}

async function readWholeMatch(
  port: LegacyImagePort,
  filter: string | null,
  order: string,
): Promise<LegacyImageRow[]> {
  const rows: LegacyImageRow[] = [];
  for (let offset = 0; ; offset += GATEWAY_SCAN_PAGE) {
    const page = await port.imagePage(
      imageNodesArgs(
        { kind: 'offset', size: GATEWAY_SCAN_PAGE, offset },
        { statuses: [...ANY_STATUS], ...(filter ? { filter } : {}), ...(order ? { order } : {}) },
      ),
    );
    const chunk = rowsOf(page);
    rows.push(...chunk);
    if (chunk.length < GATEWAY_SCAN_PAGE || rows.length >= (page.count ?? 0)) return rows;
  }
}

async function subjectOf(
  row: LegacyImageRow,
  registryIdOf: (row: LegacyImageRow) => Promise<string | null>,
): Promise<FilterSubject> {
  return {
    id: row.row_id,
    name: canonicalName(row),
    architecture: row.architecture,
    registryId: await registryIdOf(row),
    status: row.status === 'DELETED' ? 'DELETED' : 'ALIVE',
    aliases: (row.aliases ?? []).filter((alias): alias is string => !!alias),
    // Legacy managers do not know the last use.
    lastUsed: null,
  };
}

/** Rows already in order (the manager ordered the whole match); the gateway filters the rest and pages. */
async function pageInGateway(
  plan: PagePlan,
  residual: Condition,
  rows: LegacyImageRow[],
  registryIdOf: (row: LegacyImageRow) => Promise<string | null>,
) {
  const needsRegistry = mentions(residual, 'registryId');
  const subjects = await Promise.all(
    rows.map((row) => subjectOf(row, needsRegistry ? registryIdOf : async () => null)),
  );
  const kept = rows
    .map((row, index) => ({ row, subject: subjects[index] as FilterSubject }))
    .filter(({ subject }) => evaluate(residual, subject));
  const page = slicePage(kept, plan, ({ row }) => row.row_id);
  return buildConnection({
    plan,
    nodes: page.nodes.map(({ row }) => imageV2FromLegacy(row)),
    count: kept.length,
    hasMore: page.hasMore,
    cursorOf: (image) => encodeCursor(rowIdOf(image)),
  });
}

export async function resolveImageList(
  args: ImageListArgs,
  base: Condition | null,
  port: LegacyImagePort,
  limits: PaginationLimits,
  registryIdOf: (row: LegacyImageRow) => Promise<string | null>,
) {
  const plan = planPage(args, limits);
  const condition = base ? allOf([compileFilter(args.filter), base]) : compileFilter(args.filter);
  const { legacyFilter, residual } = planPushdown(condition);
  const order = legacyOrderOf(args.orderBy);
  if (isAlways(residual) && order.cursorSafe) {
    const query = {
      statuses: [...ANY_STATUS],
      ...(legacyFilter ? { filter: legacyFilter } : {}),
      order: order.text,
    };
    return connectionFromLegacyPage(plan, await port.imagePage(imageNodesArgs(plan, query)));
  }
  const rows = await readWholeMatch(port, legacyFilter, order.text);
  return pageInGateway(plan, residual, rows, registryIdOf);
}

/**
 * `adminImagesV2`: superadmins only, as the native API. The caller's role is asked in the same tick as the
 * page, so both travel in one upstream request.
 */
export async function resolveAdminImageList(
  args: ImageListArgs,
  port: LegacyImagePort,
  limits: PaginationLimits,
  registryIdOf: (row: LegacyImageRow) => Promise<string | null>,
) {
  const role = port.callerRole();
  const list = resolveImageList(args, null, port, limits, registryIdOf);
  list.catch(() => undefined);
  if ((await role) !== 'superadmin') throw adminExclusiveAccess();
  return list;
}

export function registryIdResolver(directory: RegistryDirectory, port: LegacyImagePort) {
  return (row: LegacyImageRow) => directory.lookup(row.registry, row.project, () => port.registries());
}

/** Alias rows have ids of their own in the native API; the legacy API gives only the names, so the
 * gateway derives a stable UUID from the image id and the alias. */
export function aliasId(imageId: string, alias: string): string {
  const hex = createHash('sha1').update(`${imageId}\u0000${alias}`).digest('hex');
  const variant = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface AliasListArgs {
  filter?: ImageV2AliasFilterInput | null;
  orderBy?: { field: 'ALIAS'; direction?: 'ASC' | 'DESC' | null }[] | null;
  first?: number | null;
  last?: number | null;
  before?: string | null;
  after?: string | null;
}

export function resolveAliases(
  imageId: string,
  aliases: (string | null)[] | null,
  args: AliasListArgs,
  limits: PaginationLimits,
) {
  const plan = planPage(args, limits);
  const condition = compileAliasFilter(args.filter);
  const descending = args.orderBy?.[0]?.direction === 'DESC';
  const rows = (aliases ?? [])
    .filter((alias): alias is string => !!alias)
    .map((alias) => ({ id: aliasId(imageId, alias), alias, imageId }))
    .filter(({ alias }) =>
      evaluate(condition, {
        id: imageId,
        aliases: [alias],
        name: '',
        architecture: '',
        registryId: null,
        status: 'ALIVE',
        lastUsed: null,
      }),
    )
    .sort((a, b) => (a.alias === b.alias ? 0 : (a.alias < b.alias ? -1 : 1) * (descending ? -1 : 1)));
  const page = slicePage(rows, plan, (row) => row.id);
  return buildConnection({
    plan,
    nodes: page.nodes.map((row) => ({
      __typename: 'ImageV2Alias',
      id: encodeGlobalId('ImageV2Alias', row.id),
      alias: row.alias,
    })),
    count: rows.length,
    hasMore: page.hasMore,
    cursorOf: (node) => encodeCursor(aliasIdOf(node.id)),
  });
}

function aliasIdOf(globalId: string): string {
  return Buffer.from(globalId, 'base64').toString('utf8').split(':')[1] ?? '';
}
