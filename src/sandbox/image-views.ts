/**
 * How the legacy API renders an image row, as the 26.1 manager's `ImageNode.from_row` and `Image` do:
 * resource limits merged from labels and custom limits (the larger minimum wins for cpu and mem, the
 * maximum always shown as "Infinity"), accelerators `["*"]` when unset, the digest trimmed, tags parsed.
 */
import { encodeGlobalId } from '../relay/index.ts';
import type { Dataset, ResourceSpec, SandboxImage } from './dataset.ts';

const CUSTOMIZED_OWNER_LABEL = 'ai.backend.customized-image.owner';
const RESOURCE_LABEL_PREFIX = 'ai.backend.resource.min.';
const INTRINSIC_MINIMUM: Record<string, string> = { cpu: '1', mem: '1073741824' };

const BINARY_UNITS: Record<string, number> = {
  '': 1,
  k: 2 ** 10,
  m: 2 ** 20,
  g: 2 ** 30,
  t: 2 ** 40,
  p: 2 ** 50,
};

/** Reads `256m`, `1g`, `1073741824` as bytes (Backend.AI's BinarySize). */
export function binarySize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmgtp]?)i?b?$/i.exec(text.trim());
  if (!match) return Number.NaN;
  return Number(match[1]) * (BINARY_UNITS[(match[2] as string).toLowerCase()] as number);
}

export function isCustomized(image: SandboxImage): boolean {
  return CUSTOMIZED_OWNER_LABEL in image.labels;
}

export function isOwnedBy(image: SandboxImage, userId: string): boolean {
  return image.labels[CUSTOMIZED_OWNER_LABEL] === `user:${userId}`;
}

function labelResources(image: SandboxImage): Record<string, ResourceSpec> {
  const resources: Record<string, ResourceSpec> = {
    cpu: { min: INTRINSIC_MINIMUM.cpu },
    mem: { min: INTRINSIC_MINIMUM.mem },
  };
  for (const [key, value] of Object.entries(image.labels)) {
    if (key.startsWith(RESOURCE_LABEL_PREFIX))
      resources[key.slice(RESOURCE_LABEL_PREFIX.length)] = { min: value };
  }
  return resources;
}

/** `ImageRow.resources`: custom limits over label limits; for cpu and mem the larger minimum wins. */
export function mergedResources(image: SandboxImage): Record<string, ResourceSpec> {
  const fromLabels = labelResources(image);
  const merged: Record<string, ResourceSpec> = {};
  for (const slot of new Set([...Object.keys(image.resources), ...Object.keys(fromLabels)])) {
    const custom = image.resources[slot] ?? {};
    const label = fromLabels[slot] ?? {};
    const spec: ResourceSpec = { ...label, ...custom };
    const mins = [custom.min, label.min].filter((min): min is string => min != null);
    if (slot === 'cpu' && mins.length > 0) spec.min = mins.reduce((a, b) => (Number(a) >= Number(b) ? a : b));
    if (slot === 'mem' && mins.length > 0)
      spec.min = mins.reduce((a, b) => (binarySize(a) >= binarySize(b) ? a : b));
    merged[slot] = spec;
  }
  return merged;
}

/**
 * `resource_limits` as the legacy API gives them: maximum always "Infinity", in the order of the
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

function baseImageName(image: SandboxImage): string {
  return image.image.split('/').at(-1) as string;
}

/** Fields `ImageNode` and `Image` share. */
function commonFields(image: SandboxImage) {
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
    digest: image.configDigest.trim() || null,
    labels: Object.entries(image.labels).map(([key, value]) => ({ key, value })),
    size_bytes: image.sizeBytes,
    status: image.status,
    resource_limits: legacyResourceLimits(image),
    supported_accelerators: supportedAccelerators(image),
    aliases: image.aliases,
    installed: image.installedAgents.length > 0,
  };
}

export function imageNodeView(image: SandboxImage, permissions: string[]) {
  return {
    __typename: 'ImageNode',
    id: encodeGlobalId('ImageNode', image.id),
    row_id: image.id,
    ...commonFields(image),
    permissions,
    type: image.type,
  };
}

export function legacyImageView(image: SandboxImage) {
  return {
    id: image.id,
    ...commonFields(image),
    installed_agents: image.installedAgents,
    hash: image.configDigest.trim(),
  };
}

/** `<registry>/<project>/<image>:<tag>`, the row's `name` column. */
export function canonicalOf(image: SandboxImage): string {
  return `${image.registry}/${image.image}:${image.tag}`;
}

export function registryView(dataset: Dataset, registryId: string) {
  const registry = dataset.registries.find((r) => r.id === registryId);
  if (!registry) return null;
  return {
    __typename: 'ContainerRegistryNode',
    id: encodeGlobalId('ContainerRegistryNode', registry.id),
    row_id: registry.id,
    name: registry.name,
    url: registry.url,
    type: registry.type,
    registry_name: registry.name,
    is_global: registry.isGlobal,
    project: registry.project,
    username: null,
    password: null,
    ssl_verify: true,
    extra: null,
  };
}
