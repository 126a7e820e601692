/**
 * `toImageV2`: the gateway's counterpart of the native `from_row`, one legacy image to one ImageV2 shaped
 * as the GraphQL type. Pure: what the legacy GraphQL API cannot tell (registry id, creation time, custom
 * maximums) comes in `extras` from whoever fetched it.
 */
import { encodeGlobalId } from '../relay/index.ts';
import { canonicalName } from './identity.ts';
import { labelEntries, normalizeDigest, parseSizeBytes, parseStatus } from './metadata.ts';
import { resourceLimits, supportedAccelerators } from './requirements.ts';
import { parseTags } from './tags.ts';
import type { ImageV2Extras, ImageV2Record, LegacyImageRow } from './types.ts';

export function toImageV2(row: LegacyImageRow, extras: ImageV2Extras): ImageV2Record {
  return {
    __typename: 'ImageV2',
    id: encodeGlobalId('ImageV2', row.row_id),
    identity: {
      canonicalName: canonicalName(row),
      namespace: row.namespace ?? '',
      architecture: row.architecture,
    },
    metadata: {
      tags: parseTags(row.tag),
      labels: labelEntries(row.labels),
      digest: normalizeDigest(row.digest),
      sizeBytes: parseSizeBytes(row.size_bytes),
      status: parseStatus(row.status),
      createdAt: extras.createdAt ?? null,
    },
    requirements: {
      resourceLimits: resourceLimits(row.resource_limits, extras.customMax),
      supportedAccelerators: supportedAccelerators(row.supported_accelerators),
    },
    permission: null,
    registryId: extras.registryId,
    registry: row.registry,
  };
}
