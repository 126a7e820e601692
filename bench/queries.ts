/**
 * What the bench asks: the legacy page of 50 every row is compared with, and the ImageV2 pages that
 * reshape it. Every ImageV2 page asks for every field of 50 nodes and the count, as a client listing
 * images does.
 */

const LEGACY_FIELDS =
  'row_id namespace project registry tag architecture digest labels { key value } size_bytes status ' +
  'resource_limits { key min max } supported_accelerators aliases';

/** The legacy page of 50, newest first, as the gateway itself reads it. */
export const LEGACY_PAGE = `{ image_nodes(scope_id: "system", first: 50, order: "-created_at") {
  count pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  edges { cursor node { ${LEGACY_FIELDS} } } } }`;

const V2_NODE = `id registryId
  identity { canonicalName namespace architecture }
  metadata { tags { key value } labels { key value } digest sizeBytes status createdAt }
  requirements { resourceLimits { key min max } supportedAccelerators }`;

const V2_PAGE = `count pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  edges { cursor node { ${V2_NODE} } }`;

/** `imagesV2` of the bep-1038 profile. */
export const BEP_1038_PAGE = `{ imagesV2(first: 50) { ${V2_PAGE} } }`;

/** `containerRegistryImagesV2` of the release profile: the list a plain user has there. */
export function releaseRegistryPage(registryId: string): string {
  return `{ containerRegistryImagesV2(first: 50, scope: { registryId: "${registryId}" }) { ${V2_PAGE} } }`;
}

/** `adminImagesV2` of 50 images named by id, as the web UI's image picker resolves its selected values. */
export function releasePickedPage(ids: string[]): string {
  return `{ adminImagesV2(filter: { id: { in: ${JSON.stringify(ids)} } }, limit: 50) { ${V2_PAGE} } }`;
}

/** Ids of the superadmin's listing to pick from (read from the sandbox directly). */
export const PICKABLE_IMAGES =
  '{ image_nodes(scope_id: "system", first: 400) { edges { node { row_id } } } }';

/** The registries (a superadmin's read), to find the one `releaseRegistryPage` lists. */
export const REGISTRY_LIST =
  '{ container_registry_nodes { edges { node { row_id registry_name project } } } }';

/** `adminImagesV2` of the release profile, unfiltered. */
export const RELEASE_PAGE = `{ adminImagesV2(first: 50) { ${V2_PAGE} } }`;

/** `adminImagesV2` with a filter the manager applies itself (pushed down), still one request a page. */
export const RELEASE_FILTERED_PAGE = `{ adminImagesV2(first: 50, filter: {
  name: { iContains: "python" }, status: { in: [ALIVE] } }) { ${V2_PAGE} } }`;

/** Where each answer's list of edges is, to check a row asks what it claims before loading it. */
export function edgesOf(body: unknown): unknown[] | null {
  const data = (body as { data?: Record<string, { edges?: unknown[] } | null> } | null)?.data;
  const field = data && Object.values(data)[0];
  return field?.edges ?? null;
}

/** The legacy page the filtered `adminImagesV2` row amounts to, read directly. */
export const DIRECT_FILTERED_PAGE = `{ image_nodes(scope_id: "system", first: 50, order: "-created_at",
  filter_by_statuses: [ALIVE, DELETED], filter: "name ilike \\"%python%\\" & status == \\"ALIVE\\"") {
  count pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  edges { cursor node { ${LEGACY_FIELDS} } } } }`;
