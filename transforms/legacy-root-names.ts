/**
 * Mesh transform: gives the root types back the names the legacy manager uses. Mesh's stitching names
 * them `Query` and `Mutation`, but managers up to 25.12 call them `Queries` and `Mutations`, and their
 * clients send fragments `on Queries` and read `__typename` (the web UI rewrites `on Query` for them).
 * Runs last, after the other transforms have added their root fields.
 */
import type { MeshTransform, MeshTransformOptions } from '@graphql-mesh/types';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { GraphQLObjectType, type GraphQLSchema } from 'graphql';

interface LegacyRootNamesConfig {
  /** The Mesh source name of the legacy GraphQL API. */
  source: string;
}

interface StitchingInfo {
  subschemaMap: Map<unknown, { name?: string; schema: GraphQLSchema }>;
}

function legacySourceSchema(schema: GraphQLSchema, source: string): GraphQLSchema {
  const info = schema.extensions.stitchingInfo as StitchingInfo | undefined;
  const subschema = info && [...info.subschemaMap.values()].find((candidate) => candidate.name === source);
  if (!subschema) throw new Error(`legacy-root-names transform: no stitched source named "${source}"`);
  return subschema.schema;
}

export default class LegacyRootNamesTransform implements MeshTransform {
  readonly noWrap = true;
  private readonly source: string;

  constructor({ config }: MeshTransformOptions<LegacyRootNamesConfig>) {
    if (typeof config?.source !== 'string' || !config.source) {
      throw new Error('legacy-root-names transform: source must name the legacy GraphQL source');
    }
    this.source = config.source;
  }

  transformSchema(schema: GraphQLSchema): GraphQLSchema {
    const legacy = legacySourceSchema(schema, this.source);
    const rename = (wanted: string | undefined) => (type: GraphQLObjectType) =>
      wanted && wanted !== type.name ? new GraphQLObjectType({ ...type.toConfig(), name: wanted }) : type;
    const queryName = legacy.getQueryType()?.name;
    const mutationName = legacy.getMutationType()?.name;
    if (queryName === schema.getQueryType()?.name && mutationName === schema.getMutationType()?.name)
      return schema;
    return mapSchema(schema, {
      [MapperKind.QUERY]: rename(queryName),
      [MapperKind.MUTATION]: rename(mutationName),
    });
  }
}
