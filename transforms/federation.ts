/**
 * Mesh transform: with `enabled: on` (FEDERATION=on), the gateway is also an Apollo Federation v2
 * subgraph for ImageV2: `_service { sdl }` gives the profile's subgraph SDL and `_entities` resolves
 * ImageV2 by id (see src/schema/federation.ts). Entities are read with the node fetchers the ImageV2
 * transform declares, all in the same tick, so any number of them costs one upstream request, made with
 * the caller's credentials. Off, the schema passes through untouched (the manager's own `_service` too).
 */
import type { MeshTransform, MeshTransformOptions } from '@graphql-mesh/types';
import { mergeSchemas } from '@graphql-tools/schema';
import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { nodeFetcherOf } from '../src/resolvers/node-fetchers.ts';
import {
  entityReference,
  federationTypeDefs,
  imageV2SubgraphSDL,
  withoutFederationFields,
} from '../src/schema/federation.ts';
import type { V2Profile } from '../src/schema/imagev2-typedefs.ts';
import { atOwnIndex } from './relay-node.ts';

interface FederationConfig {
  enabled: boolean;
  profile: V2Profile;
}

function checkConfig(raw: unknown): FederationConfig {
  const { enabled, profile } = (raw ?? {}) as { enabled?: unknown; profile?: unknown };
  if (enabled !== 'on' && enabled !== 'off' && typeof enabled !== 'boolean') {
    throw new Error(`federation transform: enabled must be on or off, got ${JSON.stringify(enabled)}`);
  }
  if (profile !== 'bep-1038' && profile !== 'release') {
    throw new Error(
      `federation transform: profile must be bep-1038 or release, got ${JSON.stringify(profile)}`,
    );
  }
  return { enabled: enabled === true || enabled === 'on', profile };
}

export default class FederationTransform implements MeshTransform {
  readonly noWrap = true;
  private readonly config: FederationConfig;

  constructor({ config }: MeshTransformOptions<unknown>) {
    this.config = checkConfig(config);
  }

  transformSchema(schema: GraphQLSchema): GraphQLSchema {
    if (!this.config.enabled) return schema;
    const sdl = imageV2SubgraphSDL(schema, this.config.profile);
    const queryTypeName = schema.getQueryType()?.name ?? 'Query';
    // The GraphQL type of each entity, for `_Entity`: the records themselves carry no __typename.
    const entityTypes = new WeakMap<object, string>();
    const resolveEntity = async (representation: unknown, context: unknown, info: GraphQLResolveInfo) => {
      const { typeName, id } = entityReference(representation);
      const fetcher = nodeFetcherOf(info.schema, typeName);
      if (!fetcher) throw new Error(`federation transform: ${typeName} has no node fetcher`);
      const entity = await fetcher(id, context);
      if (entity) entityTypes.set(entity, typeName);
      return entity;
    };
    return mergeSchemas({
      // Legacy schemas use federation directives (@key, @shareable) without defining them.
      assumeValidSDL: true,
      schemas: [withoutFederationFields(schema)],
      typeDefs: federationTypeDefs(queryTypeName),
      resolvers: {
        [queryTypeName]: {
          _service: () => ({ sdl }),
          _entities: (
            _root: unknown,
            args: { representations: unknown[] },
            context: unknown,
            info: GraphQLResolveInfo,
          ) =>
            // A bad or failing representation is an error at its own index; the others still resolve.
            Promise.all(
              args.representations.map((representation) =>
                resolveEntity(representation, context, info).catch(atOwnIndex),
              ),
            ),
        },
        _Entity: { __resolveType: (entity: object) => entityTypes.get(entity) ?? null },
      },
    });
  }
}
