/**
 * The transforms that look at the stitched sources (private-source, legacy-root-names), each on a tiny
 * schema carrying the stitching information Mesh gives them: which source each part came from.
 */
import type { MeshTransformOptions } from '@graphql-mesh/types';
import { buildSchema, type GraphQLSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import LegacyRootNamesTransform from '../../transforms/legacy-root-names.ts';
import PrivateSourceTransform from '../../transforms/private-source.ts';

function stitched(served: string, sources: Record<string, string>): GraphQLSchema {
  const schema = buildSchema(served);
  const subschemaMap = new Map(
    Object.entries(sources).map(([name, sdl]) => [{ name }, { name, schema: buildSchema(sdl) }]),
  );
  schema.extensions = { ...schema.extensions, stitchingInfo: { subschemaMap } };
  return schema;
}

const options = (config: unknown) => ({ config }) as unknown as MeshTransformOptions<never>;

const LEGACY_25_6 = /* GraphQL */ `
  schema { query: Queries mutation: Mutations }
  type Queries { image_nodes: String }
  type Mutations { forget_image(reference: String!): Boolean }
`;
const REST = /* GraphQL */ `
  directive @httpOperation(path: String) on FIELD_DEFINITION
  type Query { legacyImage(id: String!): RestImage @httpOperation(path: "/admin/images/{id}") }
  type RestImage { id: String created_at: String }
`;
const SERVED = /* GraphQL */ `
  directive @httpOperation(path: String) on FIELD_DEFINITION
  type Query {
    image_nodes: String
    imagesV2: String
    legacyImage(id: String!): RestImage @httpOperation(path: "/admin/images/{id}")
  }
  type Mutation { forget_image(reference: String!): Boolean }
  type RestImage { id: String created_at: String }
`;

describe('private-source transform', () => {
  it("removes the source's root fields, types and directives, and nothing else", () => {
    const schema = stitched(SERVED, { Legacy: LEGACY_25_6, LegacyRest: REST });
    const printed = printSchema(
      new PrivateSourceTransform(options({ source: 'LegacyRest' })).transformSchema(schema),
    );
    expect(printed).not.toMatch(/legacyImage|RestImage|httpOperation/);
    expect(printed).toMatch(/image_nodes: String/);
    expect(printed).toMatch(/imagesV2: String/);
    expect(printed).toMatch(/forget_image/);
  });

  it('refuses a source that is not stitched in, and a missing source name', () => {
    const schema = stitched(SERVED, { Legacy: LEGACY_25_6 });
    expect(() =>
      new PrivateSourceTransform(options({ source: 'LegacyRest' })).transformSchema(schema),
    ).toThrow(/no stitched source named "LegacyRest"/);
    expect(() => new PrivateSourceTransform(options({}))).toThrow(/source must name/);
  });
});

describe('legacy-root-names transform', () => {
  // Managers before 25.13 call their roots Queries/Mutations; their clients send fragments `on Queries`.
  it("gives the root types the legacy manager's own names", () => {
    const schema = stitched(SERVED, { Legacy: LEGACY_25_6 });
    const renamed = new LegacyRootNamesTransform(options({ source: 'Legacy' })).transformSchema(schema);
    expect(renamed.getQueryType()?.name).toBe('Queries');
    expect(renamed.getMutationType()?.name).toBe('Mutations');
    expect(Object.keys(renamed.getQueryType()?.getFields() ?? {})).toEqual([
      'image_nodes',
      'imagesV2',
      'legacyImage',
    ]);
  });

  it('leaves a schema whose legacy roots are already Query/Mutation as it is', () => {
    const legacy =
      'type Query { image_nodes: String } type Mutation { forget_image(reference: String!): Boolean }';
    const schema = stitched(SERVED, { Legacy: legacy });
    expect(new LegacyRootNamesTransform(options({ source: 'Legacy' })).transformSchema(schema)).toBe(schema);
  });
});
