/**
 * `toImageV2`: the gateway's counterpart of the native `from_row`, one legacy image to one ImageV2 shaped
 * as the GraphQL type, built from the per-field functions of fields.ts. Pure: what the legacy GraphQL API
 * cannot tell (registry id, creation time, custom maximums) comes in `extras` from whoever fetched it.
 */
import { IDENTITY_FIELDS, imageV2Id, METADATA_FIELDS, mapFields, REQUIREMENTS_FIELDS } from './fields.ts';
import { resourceLimits } from './requirements.ts';
import type { ImageV2Extras, ImageV2Record, LegacyImageRow } from './types.ts';

export function toImageV2(row: LegacyImageRow, extras: ImageV2Extras): ImageV2Record {
  return {
    __typename: 'ImageV2',
    id: imageV2Id(row),
    identity: mapFields(IDENTITY_FIELDS, row),
    metadata: { ...mapFields(METADATA_FIELDS, row), createdAt: extras.createdAt ?? null },
    requirements: {
      ...mapFields(REQUIREMENTS_FIELDS, row),
      resourceLimits: resourceLimits(row.resource_limits, extras.customMax),
    },
    permission: null,
    registryId: extras.registryId,
    registry: row.registry,
  };
}
