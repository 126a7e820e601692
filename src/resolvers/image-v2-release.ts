/**
 * The released API's `ImageV2.aliases` (listings are in image-listing.ts) and the registry id lookup the
 * listings filter by.
 */
import { createHash } from 'node:crypto';
import { compileAliasFilter, evaluate, type ImageV2AliasFilterInput } from '../filters/index.ts';
import type { LegacyImageRow } from '../image/index.ts';
import { buildConnection, encodeCursor, encodeGlobalId, planPage, slicePage } from '../relay/index.ts';
import type { PaginationLimits } from './image-v2.ts';
import type { FetchRegistries, RegistryDirectory } from './registry-directory.ts';

export type { ImageListArgs } from './image-listing.ts';

export function registryIdResolver(directory: RegistryDirectory, fetchRegistries: FetchRegistries) {
  return (row: Pick<LegacyImageRow, 'registry' | 'project'>) =>
    directory.lookup(row.registry, row.project, fetchRegistries);
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
