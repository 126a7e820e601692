/**
 * The image-v2 transform on its own, over a tiny legacy schema: the types it adds for each profile, pinned
 * as printed SDL (a change to the served API shows up as a diff of these files), and the root type kept.
 */
import type { MeshTransformOptions } from '@graphql-mesh/types';
import { buildSchema, type GraphQLSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import ImageV2Transform from '../../transforms/image-v2.ts';

const LEGACY = /* GraphQL */ `
  schema {
    query: Queries
  }
  type Queries {
    image_nodes(scope_id: String!): String
    user: String
  }
`;

function transformed(config: Record<string, unknown>, legacy = LEGACY): GraphQLSchema {
  const transform = new ImageV2Transform({
    config: { source: 'Legacy', legacyUrl: 'http://manager.test', ...config },
  } as unknown as MeshTransformOptions<unknown>);
  return transform.transformSchema(buildSchema(legacy));
}

describe('image-v2 transform', () => {
  it.each([
    ['bep-1038', 'BigInt'],
    ['bep-1038', 'Int'],
    ['release', 'BigInt'],
  ])('adds the %s profile with sizeBytes %s, as pinned', async (profile, sizeBytes) => {
    const schema = transformed({ profile, sizeBytes });
    await expect(printSchema(schema)).toMatchFileSnapshot(
      `./__snapshots__/image-v2.${profile}.${sizeBytes}.graphql`,
    );
  });

  it('adds its root fields to the legacy root type under its own name, leaving legacy fields alone', () => {
    const fields = transformed({ profile: 'bep-1038' }).getQueryType();
    expect(fields?.name).toBe('Queries');
    expect(Object.keys(fields?.getFields() ?? {})).toEqual(
      expect.arrayContaining(['image_nodes', 'user', 'imageV2', 'imagesV2']),
    );
  });

  it('serves only the released root fields in the release profile', () => {
    const fields = Object.keys(transformed({ profile: 'release' }).getQueryType()?.getFields() ?? {});
    expect(fields).toEqual(expect.arrayContaining(['imageV2', 'adminImagesV2', 'containerRegistryImagesV2']));
    expect(fields).not.toContain('imagesV2');
  });

  it.each([
    [{ profile: 'v3' }, /profile/],
    [{ legacyUrl: 'manager:8081' }, /legacyUrl/],
    [{ unknownKey: 1 }, /unknownKey/],
  ])('refuses a bad configuration %j, naming the key', (config, message) => {
    expect(() => transformed(config)).toThrow(message);
  });
});
