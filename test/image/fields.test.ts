import { Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  IDENTITY_FIELDS,
  type LegacyImageRow,
  METADATA_FIELDS,
  mapFields,
  REQUIREMENTS_FIELDS,
} from '../../src/image/index.ts';
import { IMAGE_V2_SDL } from '../../src/schema/imagev2-typedefs.ts';

/** The fields the shared ImageV2 SDL declares on a type. */
function declaredFields(typeName: string): string[] {
  for (const definition of parse(IMAGE_V2_SDL).definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === typeName)
      return (definition.fields ?? []).map((field) => field.name.value).sort();
  }
  throw new Error(`${typeName} is not in the SDL`);
}

describe('the per-field mapping', () => {
  it.each([
    ['ImageIdentityInfo', IDENTITY_FIELDS, []],
    // The creation time is not in the legacy row; a richer source fills it.
    ['ImageMetadataInfo', METADATA_FIELDS, ['createdAt']],
    ['ImageRequirementsInfo', REQUIREMENTS_FIELDS, []],
  ])('maps every field of %s from the legacy row', (typeName, fields, elsewhere) => {
    expect([...Object.keys(fields), ...elsewhere].sort()).toEqual(declaredFields(typeName));
  });

  it('maps only the fields of a group, each from the row', () => {
    const row: LegacyImageRow = {
      row_id: '6a0b1c2d-0000-4000-8000-000000000001',
      namespace: null,
      project: null,
      registry: 'cr.backend.ai',
      tag: '1.0-py311',
      architecture: 'aarch64',
      digest: ' sha256:ab ',
      labels: null,
      size_bytes: '42',
      status: 'DELETED',
      resource_limits: null,
      supported_accelerators: [' cuda ', ''],
      aliases: null,
    };
    expect(mapFields(IDENTITY_FIELDS, row)).toEqual({
      canonicalName: 'cr.backend.ai/:1.0-py311',
      namespace: '',
      architecture: 'aarch64',
    });
    expect(mapFields(METADATA_FIELDS, row)).toEqual({
      tags: [{ key: 'py', value: '311' }],
      labels: [],
      digest: 'sha256:ab',
      sizeBytes: 42,
      status: 'DELETED',
    });
    expect(mapFields(REQUIREMENTS_FIELDS, row)).toEqual({
      resourceLimits: [
        { key: 'cpu', min: '1', max: 'Infinity' },
        { key: 'mem', min: '1073741824', max: 'Infinity' },
      ],
      supportedAccelerators: ['cuda'],
    });
  });
});
