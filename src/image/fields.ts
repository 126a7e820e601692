/**
 * Each ImageV2 field as a function of the legacy row alone, grouped as the GraphQL types group them. The
 * gateway's resolvers compute a field from the row only when a client asks for it (a page of 50 where
 * only names are wanted parses no tags); `toImageV2` builds the whole object from the same functions, so
 * the two can never disagree.
 */
import { encodeGlobalId } from '../relay/index.ts';
import { canonicalName } from './identity.ts';
import { labelEntries, normalizeDigest, parseSizeBytes, parseStatus } from './metadata.ts';
import { resourceLimits, supportedAccelerators } from './requirements.ts';
import { parseTags } from './tags.ts';
import type { ImageV2Record, LegacyImageRow } from './types.ts';

type FieldsOf<Group> = { readonly [Field in keyof Group]-?: (row: LegacyImageRow) => Group[Field] };

/** `ImageV2.id`: the Relay global id, base64 of `ImageV2:<uuid>`. */
export function imageV2Id(row: LegacyImageRow): string {
  return encodeGlobalId('ImageV2', row.row_id);
}

export const IDENTITY_FIELDS: FieldsOf<ImageV2Record['identity']> = {
  canonicalName,
  namespace: (row) => row.namespace ?? '',
  architecture: (row) => row.architecture,
};

/** `createdAt` is not here: the legacy API does not know it (a richer source may, see src/resolvers). */
export const METADATA_FIELDS: FieldsOf<Omit<ImageV2Record['metadata'], 'createdAt'>> = {
  tags: (row) => parseTags(row.tag),
  labels: (row) => labelEntries(row.labels),
  digest: (row) => normalizeDigest(row.digest),
  sizeBytes: (row) => parseSizeBytes(row.size_bytes),
  status: (row) => parseStatus(row.status),
};

/** `resourceLimits` with the legacy maximums; a richer source's custom maximums go through `resourceLimits`. */
export const REQUIREMENTS_FIELDS: FieldsOf<ImageV2Record['requirements']> = {
  resourceLimits: (row) => resourceLimits(row.resource_limits),
  supportedAccelerators: (row) => supportedAccelerators(row.supported_accelerators),
};

/** Applies each field function of `fields` to `row`. */
export function mapFields<Group>(fields: FieldsOf<Group>, row: LegacyImageRow): Group {
  const group = {} as Group;
  for (const name of Object.keys(fields) as (keyof Group)[]) group[name] = fields[name](row);
  return group;
}
