/**
 * One image row as the native API renders it (`ImageV2GQL.from_data` on 26.2, the image adapter's
 * `_data_to_dto` from 26.4): the canonical name column, the untrimmed CHAR(72) digest, the size as it is
 * (the `Int!` scalar refuses 2 GiB and more), creation and last-use times in Python's isoformat, resource
 * limits whose unset maximum reads "None" or "Infinity" by release, accelerators split from the stored
 * text ([] or ["*"] when there is none), tags parsed as `PlatformTagSet` does, and no permission.
 */
import { createHash } from 'node:crypto';
import type { SandboxImage } from '../data/types.ts';
import { PythonError, toGlobalId } from '../python-compat.ts';
import { legacyResourceLimits, mergedResources } from '../views/images.ts';
import { pythonIsoformat } from './datetimes.ts';
import type { NativeTraits } from './releases.ts';

export interface NativeImage {
  id: string;
  identity: { canonicalName: string; namespace: string; architecture: string };
  metadata: {
    tags: { key: string; value: string }[];
    labels: { key: string; value: string }[];
    digest: string;
    sizeBytes: number;
    status: string;
    createdAt: string | null;
    lastUsedAt: string | null;
  };
  requirements: {
    resourceLimits: { key: string; min: string; max: string }[];
    supportedAccelerators: string[];
  };
  permission: null;
  registryId: string;
  lastUsed: string | null;
  /** The row itself, for `aliases`. */
  row: SandboxImage;
}

const PLATFORM_TAG = /^([a-zA-Z_]+)(\d+(?:\.\d+)*[a-z0-9]*)?$/;

const pyRepr = (value: string | null) => (value === null ? 'None' : `'${value.replaceAll("'", "\\'")}'`);

/**
 * `PlatformTagSet(tag.split("-")[1:], name)`: each piece after the version as a key and its version. A
 * piece that does not parse, or a key given twice, raises `InvalidImageTag` and fails the query; the
 * error names the piece and whatever the manager's loop variable holds by then.
 */
export function platformTags(tag: string, imageName: string): { key: string; value: string }[] {
  const pairs = new Map<string, string>();
  let value: string | null = imageName;
  for (const piece of tag.split('-').slice(1)) {
    const match = PLATFORM_TAG.exec(piece);
    if (!match) throw new PythonError(`(${pyRepr(piece)}, ${pyRepr(value)})`);
    const key = match[1] as string;
    value = match[2] ?? null;
    if (pairs.has(key)) throw new PythonError(`(${pyRepr(piece)}, ${pyRepr(value)})`);
    value ??= '';
    pairs.set(key, value);
  }
  return [...pairs].map(([key, version]) => ({ key, value: version }));
}

/** `[a.strip() for a in accelerators.split(",") if a.strip()] if accelerators else <release default>`. */
export function acceleratorList(stored: string | null, noAccelerators: readonly string[]): string[] {
  if (!stored) return [...noAccelerators];
  return stored
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** Limits in the legacy sandbox's (unsorted) order, each maximum as the release prints an unset one. */
export function nativeResourceLimits(image: SandboxImage, unsetMax: string) {
  const merged = mergedResources(image);
  return legacyResourceLimits(image).map(({ key, min }) => ({
    key,
    min,
    max: merged[key]?.max ?? unsetMax,
  }));
}

export function toNativeImage(image: SandboxImage, traits: NativeTraits): NativeImage {
  // 26.4 added a NOT NULL `last_used_at`, filled with the creation time for images never used.
  const lastUsedAt = traits.lastUsed ? pythonIsoformat(image.lastUsedAt ?? image.createdAt) : null;
  return {
    id: toGlobalId('ImageV2', image.id),
    identity: { canonicalName: image.name, namespace: image.image, architecture: image.architecture },
    metadata: {
      tags: platformTags(image.tag, image.image),
      labels: Object.entries(image.labels).map(([key, value]) => ({ key, value })),
      digest: image.configDigest,
      sizeBytes: image.sizeBytes,
      status: image.status,
      createdAt: image.createdAt ? pythonIsoformat(image.createdAt) : null,
      lastUsedAt,
    },
    requirements: {
      resourceLimits: nativeResourceLimits(image, traits.unsetMax),
      supportedAccelerators: acceleratorList(image.accelerators, traits.noAccelerators),
    },
    permission: null,
    registryId: image.registryId,
    lastUsed: lastUsedAt,
    row: image,
  };
}

export interface AliasRow {
  id: string;
  alias: string;
  imageId: string;
}

/**
 * The `image_aliases` rows. The dataset keeps aliases as names on the image; their row ids are derived
 * from the image id and the alias, so they stay the same for the same data.
 */
export function aliasRows(images: readonly SandboxImage[]): AliasRow[] {
  return images.flatMap((image) =>
    image.aliases.map((alias) => ({ id: aliasRowId(image.id, alias), alias, imageId: image.id })),
  );
}

export function aliasRowId(imageId: string, alias: string): string {
  const h = createHash('sha1').update(`image-alias:${imageId}:${alias}`).digest('hex');
  const variant = ((Number.parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
