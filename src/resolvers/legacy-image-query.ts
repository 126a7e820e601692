/**
 * What the gateway asks the legacy manager for when it serves ImageV2: the `ImageNode` fields the mapping
 * reads, and the `image_nodes` arguments for a page. One page of ImageV2 is one `image_nodes` call, whatever
 * its size: the manager pages, counts and orders; the gateway only reshapes.
 */

import type { PagePlan } from '../relay/index.ts';
import { encodeGlobalId } from '../relay/index.ts';

/** Fields every manager from 25.6 on serves; `toImageV2` reads exactly these. */
export const IMAGE_NODE_FIELDS =
  'row_id namespace project registry tag architecture digest labels { key value } size_bytes status ' +
  'resource_limits { key min max } supported_accelerators aliases';

export const IMAGE_NODE_SELECTION = `{ ${IMAGE_NODE_FIELDS} }`;

export const IMAGE_PAGE_SELECTION = `{ count pageInfo { hasNextPage hasPreviousPage } edges { node { ${IMAGE_NODE_FIELDS} } } }`;

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

export const REGISTRY_SELECTION = '{ edges { node { row_id registry_name project } } }';
