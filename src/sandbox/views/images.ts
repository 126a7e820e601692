/**
 * How the legacy API renders an image row, as the 26.1 manager's `ImageNode.from_row` and `Image` do:
 * resource limits merged from labels and custom limits (cpu and mem always there, the larger minimum
 * winning; the maximum always shown as "Infinity"), accelerators `["*"]` when unset, the digest trimmed,
 * tags parsed from the tag, `type` from the `ai.backend.role` label.
 */
import { binarySize } from '../data/binary-size.ts';
import type { ResourceSpec, SandboxImage } from '../data/types.ts';
import { toGlobalId } from '../python-compat.ts';

const CUSTOMIZED_OWNER_LABEL = 'ai.backend.customized-image.owner';
const ROLE_LABEL = 'ai.backend.role';
const RESOURCE_LABEL_PREFIX = 'ai.backend.resource.min.';
const INTRINSIC_MINIMUM: Record<string, string> = { cpu: '1', mem: '1073741824' };

export function isCustomized(image: SandboxImage): boolean {
  return image.labels[CUSTOMIZED_OWNER_LABEL] !== undefined;
}

export function isOwnedBy(image: SandboxImage, userId: string): boolean {
  return image.labels[CUSTOMIZED_OWNER_LABEL] === `user:${userId}`;
}

function labelResources(image: SandboxImage): Record<string, ResourceSpec> {
  const resources: Record<string, ResourceSpec> = {
    cpu: { min: INTRINSIC_MINIMUM.cpu, max: null },
    mem: { min: INTRINSIC_MINIMUM.mem, max: null },
  };
  for (const [key, value] of Object.entries(image.labels)) {
    if (key.startsWith(RESOURCE_LABEL_PREFIX))
      resources[key.slice(RESOURCE_LABEL_PREFIX.length)] = { min: value };
  }
  return resources;
}

/**
 * `ImageRow.resources`: custom limits first, label limits filling what they leave out; for cpu and mem the
 * larger minimum wins (`max()` over the strings for cpu, as the manager writes it; by bytes for mem).
 */
export function mergedResources(image: SandboxImage): Record<string, ResourceSpec> {
  const fromLabels = labelResources(image);
  const merged: Record<string, ResourceSpec> = {};
  for (const slot of new Set([...Object.keys(image.resources), ...Object.keys(fromLabels)])) {
    const custom = image.resources[slot] ?? {};
    const label = fromLabels[slot] ?? {};
    const spec: ResourceSpec = { ...label, ...custom };
    const mins = [custom.min, label.min].filter((min): min is string => min != null);
    if (slot === 'cpu' && mins.length > 0) spec.min = mins.reduce((a, b) => (a >= b ? a : b));
    if (slot === 'mem' && mins.length > 0)
      spec.min = mins.reduce((a, b) => (binarySize(a) >= binarySize(b) ? a : b));
    spec.max ??= null;
    merged[slot] = spec;
  }
  return merged;
}

/**
 * `resource_limits` as the legacy API gives them: the maximum always "Infinity", in the order of the
 * manager's Python set, which is not sorted; the sandbox keeps a fixed but unsorted order per image.
 */
export function legacyResourceLimits(image: SandboxImage): { key: string; min: string; max: string }[] {
  const limits = Object.entries(mergedResources(image)).map(([key, spec]) => ({
    key,
    min: spec.min ?? '0',
    max: 'Infinity',
  }));
  const rotation = Number.parseInt(image.id.slice(0, 2), 16) % Math.max(limits.length, 1);
  return [...limits.slice(rotation), ...limits.slice(0, rotation)];
}

export function supportedAccelerators(image: SandboxImage): string[] {
  return image.accelerators ? image.accelerators.split(',') : ['*'];
}

/** `PlatformTagSet`: the tag's pieces after the version as key/value pairs. */
export function tagPairs(tag: string): { key: string; value: string }[] {
  return tag
    .split('-')
    .slice(1)
    .map((piece) => {
      const match = /^([a-zA-Z_]+)(\d+(?:\.\d+)*[a-z0-9]*)?$/.exec(piece);
      return { key: match?.[1] ?? piece, value: match?.[2] ?? '' };
    });
}

/** `<registry>/<project>/<image>:<tag>`, the row's `name` column. */
export function canonicalOf(image: SandboxImage): string {
  return image.name;
}

/** `ImageRef.name`: the image's name below its project. */
function baseImageName(image: SandboxImage): string {
  const prefix = image.project ? `${image.project}/` : '';
  return image.image.startsWith(prefix) ? image.image.slice(prefix.length) : image.image;
}

/** The `ImageType` enum name the role label maps to (case-insensitively); other values stay as they are. */
function imageTypeOf(image: SandboxImage): string {
  const role = image.labels[ROLE_LABEL] ?? 'compute';
  return ['COMPUTE', 'SYSTEM', 'SERVICE'].find((name) => name === role.toUpperCase()) ?? role;
}

/** Fields `ImageNode` and `Image` share. */
function commonFields(image: SandboxImage) {
  const digest = image.configDigest.trim() || null;
  return {
    name: image.image,
    namespace: image.image,
    base_image_name: baseImageName(image),
    project: image.project,
    humanized_name: image.image,
    tag: image.tag,
    tags: tagPairs(image.tag),
    version: image.tag.split('-')[0],
    registry: image.registry,
    architecture: image.architecture,
    is_local: image.isLocal,
    digest,
    labels: Object.entries(image.labels).map(([key, value]) => ({ key, value })),
    size_bytes: image.sizeBytes,
    status: image.status,
    resource_limits: legacyResourceLimits(image),
    supported_accelerators: supportedAccelerators(image),
    aliases: [...image.aliases],
  };
}

export function imageNodeView(image: SandboxImage, permissions: readonly string[]) {
  return {
    __typename: 'ImageNode',
    id: toGlobalId('ImageNode', image.id),
    row_id: image.id,
    ...commonFields(image),
    permissions,
    installed: image.installedAgents.length > 0,
    type: imageTypeOf(image),
  };
}

export function legacyImageView(image: SandboxImage) {
  const common = commonFields(image);
  return {
    id: image.id,
    ...common,
    installed: image.installedAgents.length > 0,
    installed_agents: image.installedAgents.length > 0 ? [...image.installedAgents] : null,
    hash: common.digest,
  };
}
