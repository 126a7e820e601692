/**
 * Serving ImageV2 from a legacy manager: pages, single images and registry ids. The functions here take
 * the legacy manager as a port (`LegacyImagePort`), so they are tested without Mesh; the Mesh transform
 * implements the port over Mesh's executor for the legacy source (legacy-port.ts), whose fetch carries the
 * caller's credentials on every call.
 */
import { invalidParameters, registryNotFound } from '../errors/index.ts';
import type { LegacyImageRow } from '../image/index.ts';
import {
  buildConnection,
  decodeGlobalId,
  encodeCursor,
  isUuid,
  type PagePlan,
  type PaginationArgs,
} from '../relay/index.ts';

export type { PaginationArgs };

import type { RegistryRow } from './registry-directory.ts';
import type { RestImageDetails, RestImageItem, RestSearchPage } from './rest-details.ts';
import type { UpstreamPage } from './whole-match.ts';

export interface LegacyImageConnection {
  count: number | null;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean };
  edges: ({ node: LegacyImageRow | null } | null)[];
}

export interface LegacyImagePort {
  /** One `image_nodes` call; the selection defaults to a page of whole rows. */
  imagePage(args: Record<string, unknown>, selectionSet?: string): Promise<LegacyImageConnection>;
  /** One `images` call: every row the caller may list, unpaginated; whole rows unless a selection is given. */
  imageTable<Row = LegacyImageRow>(args: Record<string, unknown>, selectionSet?: string): Promise<Row[]>;
  /** One image by raw id, any status, in the caller's system scope; null when not there. */
  imageById(id: string): Promise<LegacyImageRow | null>;
  /**
   * One image by raw id with the non-node `image(id)`, which is not RBAC-scoped (a superadmin reaches any
   * registry and customized image); live images only from 26.1. Null when the manager has no such image.
   */
  imageOutsideScopes(id: string): Promise<LegacyImageRow | null>;
  /**
   * One page of the registry list, read with the gateway's keypair (a gateway read), or with the caller's
   * own credentials (`caller`: a superadmin's, for its own request).
   */
  registryPage(
    offset: number,
    size: number,
    reader?: 'gateway' | 'caller',
  ): Promise<UpstreamPage<RegistryRow>>;
  /** The caller's role as the manager knows it (`superadmin`, `admin`, `user`). */
  callerRole(): Promise<string | null>;
  /** The manager's release, from `GET /`. */
  managerRelease(): Promise<string>;
  /** One `POST /admin/images/search` page (26.3+). */
  restSearch(offset: number, limit: number): Promise<RestSearchPage>;
  /** `GET /admin/images/{id}` (26.3+); null when the manager has no such image. */
  restImage(id: string): Promise<RestImageItem | null>;
}

export interface PaginationLimits {
  defaultPageSize: number;
  maxPageSize: number;
}

/**
 * What the ImageV2 resolvers receive for one image, and for each of its info groups: the legacy row, from
 * which each field is mapped only when a client asks for it (src/image/fields.ts).
 */
export interface ImageV2Source {
  readonly __typename: 'ImageV2';
  readonly row: LegacyImageRow;
  /** Looked up by id (`imageV2`, `node`) rather than listed in a page: its richer details are read by id. */
  readonly single: boolean;
}

export function imageV2FromLegacy(row: LegacyImageRow, single = false): ImageV2Source {
  return { __typename: 'ImageV2', row, single };
}

export function rowsOf(page: LegacyImageConnection): LegacyImageRow[] {
  return page.edges.flatMap((edge) => (edge?.node ? [edge.node] : []));
}

/** An ImageV2 connection from one counted `image_nodes` page the manager paged for the plan. */
export function connectionFromLegacyPage(plan: PagePlan, page: LegacyImageConnection & { count: number }) {
  const rows = rowsOf(page);
  const hasMore = plan.kind === 'backward' ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage;
  return buildConnection({
    plan,
    // The legacy manager turns backward pages back into display order itself.
    nodes: rows.map((row) => imageV2FromLegacy(row)),
    count: page.count,
    hasMore,
    cursorOf: (image) => encodeCursor(rowIdOf(image)),
  });
}

export function rowIdOf(image: ImageV2Source): string {
  return image.row.row_id;
}

/** `imageV2(id)` takes the raw UUID, as the native API does, or the ImageV2 global id a Relay client sends. */
export function imageIdFromArgument(id: string): string {
  if (isUuid(id)) return id.toLowerCase();
  const global = decodeGlobalId(id);
  if (global?.typeName === 'ImageV2' && isUuid(global.id)) return global.id.toLowerCase();
  throw invalidParameters(`id must be an image UUID or an ImageV2 global id, got "${id}"`);
}

/**
 * One image by id. `image_node` in the system scope answers for what the caller's scopes reach, and the
 * caller's role is asked in the same tick; a superadmin, who lists every image of the table, also finds
 * by id those no scope reaches, with `image(id)` (on 26.1 and later, a DELETED one of those is not found:
 * that field loads live images only). A plain user gets only what its scope holds.
 */
export async function resolveImageById(
  id: string,
  port: LegacyImagePort,
  role: () => Promise<string | null> = async () => null,
): Promise<ImageV2Source | null> {
  const [scoped, who] = await Promise.all([port.imageById(id), role()]);
  const row = scoped ?? (who === 'superadmin' ? await port.imageOutsideScopes(id) : null);
  if (!row) return null;
  return imageV2FromLegacy(row, true);
}

/** Creation time, registry id and custom maximums from a richer source, when the manager has one. */
export type ImageDetails = (image: ImageV2Source) => Promise<RestImageDetails | null>;

export async function resolveRegistryId(
  image: ImageV2Source,
  registryIdOf: (row: { registry: string; project: string | null }) => Promise<string | null>,
  details?: ImageDetails,
): Promise<string> {
  const known = (await details?.(image))?.registryId;
  if (known) return known;
  const { registry, project } = image.row;
  const id = await registryIdOf({ registry, project });
  if (id === null) throw registryNotFound(`no registry row for ${registry}/${project ?? ''}`);
  return id;
}
