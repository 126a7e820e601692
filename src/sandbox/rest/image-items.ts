/**
 * Image items of the REST API as 26.3.0 converts rows to them. Search (`convert_to_dto`) gives the
 * canonical name, the stored padded digest and each limit's custom maximum; GET (`convert_detailed_to_dto`)
 * the namespace, the trimmed digest and no maximum. A limit that is not a decimal number, or (on search)
 * has no maximum, fails the conversion: a 500.
 */
import type { SandboxImage } from '../data/types.ts';
import { ManagerError } from '../errors.ts';
import { mergedResources, supportedAccelerators, tagPairs } from '../views/images.ts';

/** pydantic's JSON for a UTC datetime: seconds, microseconds only when there are some, and `Z`. */
function pydanticDatetime(iso: string | null): string | null {
  if (iso === null) return null;
  const date = new Date(iso);
  const millis = date.getUTCMilliseconds();
  const base = date.toISOString().slice(0, 19);
  return millis ? `${base}.${String(millis * 1000).padStart(6, '0')}Z` : `${base}Z`;
}

/** pydantic's Decimal from a limit string, or the failure that turns the response into a 500. */
function decimal(value: string): string {
  if (!/^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(value))
    throw new ManagerError('internalServerError');
  return value.trim();
}

type ImageDto = Record<string, unknown>;

/** `convert_to_dto` (search): the stored row, limits as `ImageData.resource_limits` gives them. */
export function searchItem(image: SandboxImage): ImageDto {
  return {
    ...commonItem(image),
    name: image.name,
    project: image.project,
    resource_limits: Object.entries(mergedResources(image)).map(([key, spec]) => {
      // `_convert_max(None)` fails: only a custom maximum gets through.
      if (spec.max == null) throw new ManagerError('internalServerError');
      return { key, min: decimal(spec.min ?? '0'), max: decimal(spec.max) };
    }),
    accelerators: image.accelerators,
    config_digest: image.configDigest,
  };
}

/** `convert_detailed_to_dto` (get): the detailed view, whose maximum is always Infinity (null). */
export function detailedItem(image: SandboxImage): ImageDto {
  return {
    ...commonItem(image),
    name: image.image,
    project: image.project ?? '',
    resource_limits: Object.entries(mergedResources(image)).map(([key, spec]) => ({
      key,
      min: decimal(spec.min ?? '0'),
      max: null,
    })),
    accelerators: supportedAccelerators(image).join(','),
    config_digest: image.configDigest.trim(),
  };
}

function commonItem(image: SandboxImage): ImageDto {
  return {
    id: image.id,
    registry: image.registry,
    registry_id: image.registryId,
    tag: image.tag,
    architecture: image.architecture,
    size_bytes: image.sizeBytes,
    type: image.type.toLowerCase(),
    status: image.status,
    labels: Object.entries(image.labels).map(([key, value]) => ({ key, value })),
    tags: tagPairs(image.tag),
    is_local: image.isLocal,
    created_at: pydanticDatetime(image.createdAt),
  };
}
