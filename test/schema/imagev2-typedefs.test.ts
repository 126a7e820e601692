import { buildASTSchema, type GraphQLObjectType, type GraphQLSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { imageV2TypeDefs, type V2Profile } from '../../src/schema/imagev2-typedefs.ts';

const LEGACY = buildASTSchema(
  parse(/* GraphQL */ `
    type Query {
      image_nodes(scope_id: String!): String
    }
  `),
);

function extended(profile: V2Profile, sizeBytes: 'BigInt' | 'Int' = 'BigInt'): GraphQLSchema {
  const document = imageV2TypeDefs(LEGACY, { profile, sizeBytes });
  return buildASTSchema({
    ...document,
    definitions: [...parse('type Query { x: Int }').definitions, ...document.definitions],
  });
}

const fieldType = (schema: GraphQLSchema, type: string, field: string) =>
  String((schema.getType(type) as GraphQLObjectType).getFields()[field]?.type);

describe('imageV2TypeDefs', () => {
  it.each([
    ['bep-1038', 'ImageStatus!'],
    ['release', 'ImageV2Status!'],
  ] as const)('types metadata.status of the %s profile as %s', (profile, expected) => {
    // Regression: the release profile served the legacy ImageStatus here (found by `schema diff`).
    expect(fieldType(extended(profile), 'ImageMetadataInfo', 'status')).toBe(expected);
  });

  it.each([
    ['BigInt', 'BigInt!'],
    ['Int', 'Int!'],
  ] as const)('types sizeBytes as %s when asked', (sizeBytes, expected) => {
    expect(fieldType(extended('bep-1038', sizeBytes), 'ImageMetadataInfo', 'sizeBytes')).toBe(expected);
  });

  it('refuses a legacy schema that already defines an ImageV2 type', () => {
    const clashing = buildASTSchema(parse('type Query { a: Int } type ImageV2 { id: ID! }'));
    expect(() => imageV2TypeDefs(clashing, { profile: 'bep-1038', sizeBytes: 'BigInt' })).toThrow(
      /already defines ImageV2/,
    );
  });
});
