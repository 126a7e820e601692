/**
 * What the gateway asks the legacy manager for when it serves ImageV2: the `ImageNode` fields the mapping
 * reads, the `image_nodes` arguments for a page, and the two reads of a superadmin's whole table.
 *
 * A caller's page is one `image_nodes` call, whatever its size: the manager pages, counts and orders; the
 * gateway only reshapes. `image_nodes` is RBAC-scoped, though, even for a superadmin (the manager's
 * ImagePermissionContextBuilder, the same in 25.6, 26.1 and 26.3): no scope reaches other users'
 * customized images, nor registries the superadmin's domain does not allow, all of which the native
 * `adminImagesV2` lists. The one legacy read of every row is the unpaginated
 * `images(load_filters: ["general", "operational", "customized"], filter_by_statuses: [...])`, where
 * `customized` means everybody's for a superadmin; see image-v2-release.ts for how the two are combined.
 */

import type { PagePlan } from '../relay/index.ts';
import { encodeGlobalId } from '../relay/index.ts';

/** Fields every manager from 25.6 on serves; `toImageV2` reads exactly these. */
export const IMAGE_NODE_FIELDS =
  'row_id namespace project registry tag architecture digest labels { key value } size_bytes status ' +
  'resource_limits { key min max } supported_accelerators aliases';

export const IMAGE_NODE_SELECTION = `{ ${IMAGE_NODE_FIELDS} }`;

export const IMAGE_PAGE_SELECTION = `{ count pageInfo { hasNextPage hasPreviousPage } edges { node { ${IMAGE_NODE_FIELDS} } } }`;

/** The ids of a listing in the manager's order, and its count: the rank of each row it holds. */
export const IMAGE_RANK_SELECTION = '{ count edges { node { row_id } } }';

/** Only the count of a listing (25.6 counts only the rows after a cursor; the total is asked apart). */
export const IMAGE_COUNT_SELECTION = '{ count }';

/** The same fields from the non-node `Image` of `images`, whose raw UUID is `id`. */
export const IMAGE_TABLE_SELECTION = `{ ${IMAGE_NODE_FIELDS.replace(/^row_id /, 'row_id: id ')} }`;

/** What filtering and ordering read of each row of the whole table (the page's rows are read whole apart). */
export const IMAGE_KEY_SELECTION =
  '{ row_id: id registry project namespace tag architecture status aliases }';

/** The ids of the whole table, where nothing is filtered in the gateway and the order needs no name. */
export const IMAGE_ID_SELECTION = '{ row_id: id }';

/** Every load filter: for a superadmin, `customized` becomes everybody's customized images. */
export const EVERY_LOAD_FILTER = ['general', 'operational', 'customized'] as const;

/** `images` arguments for every row of the table with these statuses (what a superadmin may list). */
export function imageTableArgs(statuses: LegacyImageStatus[]): Record<string, unknown> {
  return { load_filters: [...EVERY_LOAD_FILTER], filter_by_statuses: statuses };
}

/**
 * Newest first. The manager breaks ties by the image id itself (and a second order column would make its
 * cursor condition wrong: it ANDs one condition per column), so pages never skip or repeat an image.
 */
export const NEWEST_FIRST = '-created_at';

/** `image_nodes` is RBAC-scoped; `system` lets the manager apply the caller's own permissions. */
export const SYSTEM_SCOPE = 'system';

export type LegacyImageStatus = 'ALIVE' | 'DELETED';

export interface ImageQuery {
  statuses: LegacyImageStatus[];
  /** A legacy mini-language filter expression, when the caller filters. */
  filter?: string;
  order?: string;
}

/** The legacy cursor of an image: its `ImageNode` global id. */
export function legacyCursor(imageId: string): string {
  return encodeGlobalId('ImageNode', imageId);
}

export function imageNodesArgs(plan: PagePlan, query: ImageQuery): Record<string, unknown> {
  const args: Record<string, unknown> = {
    scope_id: SYSTEM_SCOPE,
    filter_by_statuses: query.statuses,
  };
  // An empty order leaves the manager's own order (by id).
  const order = query.order ?? NEWEST_FIRST;
  if (order) args.order = order;
  if (query.filter) args.filter = query.filter;
  switch (plan.kind) {
    case 'forward':
      args.first = plan.size;
      if (plan.afterId !== null) args.after = legacyCursor(plan.afterId);
      break;
    case 'backward':
      args.last = plan.size;
      if (plan.beforeId !== null) args.before = legacyCursor(plan.beforeId);
      break;
    case 'offset':
      args.offset = plan.offset;
      args.first = plan.size;
      break;
  }
  return args;
}

/** The caller as the manager knows it: `user` with no arguments answers the caller itself. */
export const CALLER_ROLE_SELECTION = '{ role }';

export const REGISTRY_SELECTION = '{ count edges { node { row_id registry_name project } } }';
