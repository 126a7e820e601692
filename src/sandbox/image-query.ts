/**
 * The fields `image_nodes` filters and orders by on each release (`_queryfilter_fieldspec`,
 * `_queryorder_colmap`), and the registry and project fields of the other connections.
 *
 * For images, `name` is the canonical name; `namespace`, `image` and `base_image_name` all mean the `image`
 * column; `created_at` can be filtered and ordered on but is not a readable field; `status` takes the
 * exact member (`ALIVE`), `type` any case (`compute`). Ordering by `type` fails on every release, and so
 * does filtering by it on 25.6: their specs name a column (`session_type`) the image table does not have.
 * 25.6 also lacks `namespace`, `tag`, `status` and `base_image_name`.
 */
import type { SandboxImage, SandboxProject, SandboxRegistry } from './data/types.ts';
import type { Column, FieldSpec } from './query-language/field-spec.ts';
import type { ManagerVersion } from './releases.ts';
import { canonicalOf } from './views/images.ts';

const VARCHAR = 'character varying';
const epoch = (iso: string | null) => (iso === null ? null : Date.parse(iso));

const text = <T>(get: (row: T) => string | null, pgType = VARCHAR): Column<T> => ({
  kind: 'text',
  get,
  pgType,
});
const uuid = <T>(get: (row: T) => string): Column<T> => ({ kind: 'uuid', get, pgType: 'uuid' });

const image = {
  id: uuid<SandboxImage>((i) => i.id),
  name: text<SandboxImage>(canonicalOf),
  image: text<SandboxImage>((i) => i.image),
  tag: text<SandboxImage>((i) => i.tag, 'text'),
  status: { kind: 'status', get: (i) => i.status, pgType: VARCHAR } as Column<SandboxImage>,
  project: text<SandboxImage>((i) => i.project),
  created_at: {
    kind: 'datetime',
    get: (i) => epoch(i.createdAt),
    pgType: 'timestamp with time zone',
  } as Column<SandboxImage>,
  registry: text<SandboxImage>((i) => i.registry),
  registry_id: uuid<SandboxImage>((i) => i.registryId),
  architecture: text<SandboxImage>((i) => i.architecture),
  is_local: { kind: 'bool', get: (i) => i.isLocal, pgType: 'boolean' } as Column<SandboxImage>,
  type: { kind: 'imageType', get: (i) => i.type, pgType: 'imagetype' } as Column<SandboxImage>,
  accelerators: text<SandboxImage>((i) => i.accelerators),
  session_type: {
    kind: 'missing',
    get: () => null,
    pgType: '',
    missingText: "type object 'ImageRow' has no attribute 'session_type'",
  } as Column<SandboxImage>,
};

const FILTER_26_1: FieldSpec<SandboxImage> = {
  id: image.id,
  name: image.name,
  namespace: image.image,
  tag: image.tag,
  status: image.status,
  project: image.project,
  image: image.image,
  base_image_name: image.image,
  created_at: image.created_at,
  registry: image.registry,
  registry_id: image.registry_id,
  architecture: image.architecture,
  is_local: image.is_local,
  type: image.type,
  accelerators: image.accelerators,
};

const FILTER_25_6: FieldSpec<SandboxImage> = {
  id: image.id,
  name: image.name,
  project: image.project,
  image: image.image,
  created_at: image.created_at,
  registry: image.registry,
  registry_id: image.registry_id,
  architecture: image.architecture,
  is_local: image.is_local,
  type: image.session_type,
  accelerators: image.accelerators,
};

export function imageFilterFields(version: ManagerVersion): FieldSpec<SandboxImage> {
  return version === '25.6' ? FILTER_25_6 : FILTER_26_1;
}

export function imageOrderFields(version: ManagerVersion): FieldSpec<SandboxImage> {
  return { ...imageFilterFields(version), type: image.session_type };
}

/** `ContainerRegistryNode`'s spec: `row_id` and `registry_name`, for filter and order alike. */
export const REGISTRY_FIELDS: FieldSpec<SandboxRegistry> = {
  row_id: uuid((r) => r.id),
  registry_name: text((r) => r.name),
};

/** `GroupNode`'s spec (the columns the sandbox has: no resource policies or timestamps). */
export const GROUP_FIELDS: FieldSpec<SandboxProject> = {
  id: uuid((p) => p.id),
  name: text((p) => p.name),
  is_active: { kind: 'bool', get: () => true, pgType: 'boolean' },
  domain_name: text((p) => p.domain),
  resource_policy: text(() => 'default'),
};
