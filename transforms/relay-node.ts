/**
 * Mesh transform: Relay `node(id)` and `nodes(ids)` across the legacy API and the gateway's own types.
 * A global id of a type that declares a node fetcher (see src/resolvers/node-fetchers.ts) is resolved by
 * that fetcher; any other id goes to the legacy manager's `node` unchanged, so legacy global ids keep
 * working. `nodes` resolves every id in the same tick, which Mesh batches into one upstream request; it
 * takes at most `maxIds` ids (`NODES_MAX_IDS`), and more is a bad argument, refused before any call.
 */
import type { MeshTransform, MeshTransformOptions } from '@graphql-mesh/types';
import { mergeSchemas } from '@graphql-tools/schema';
import {
  GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { tooManyNodeIds } from '../src/errors/index.ts';
import { decodeGlobalId } from '../src/relay/index.ts';
import { nodeFetcherOf } from '../src/resolvers/node-fetchers.ts';

interface RelayNodeConfig {
  /** The Mesh source name of the legacy GraphQL API. */
  source: string;
  /** Ids one `nodes(ids)` may ask for. */
  maxIds: number;
}

const DEFAULT_MAX_IDS = 100;

function checkConfig(raw: unknown): RelayNodeConfig {
  const config = (raw ?? {}) as { source?: unknown; maxIds?: unknown };
  const source = config.source;
  if (typeof source !== 'string' || source === '') {
    throw new Error('relay-node transform: source must name the legacy GraphQL source');
  }
  const maxIds =
    config.maxIds === undefined || config.maxIds === '' ? DEFAULT_MAX_IDS : Number(config.maxIds);
  if (!Number.isInteger(maxIds) || maxIds < 1) {
    throw new Error(
      `relay-node transform: maxIds must be a whole number of 1 or more, got ${JSON.stringify(config.maxIds)}`,
    );
  }
  return { source, maxIds };
}

type SdkNode = (options: Record<string, unknown>) => Promise<unknown>;

export default class RelayNodeTransform implements MeshTransform {
  readonly noWrap = true;
  private readonly config: RelayNodeConfig;

  constructor({ config }: MeshTransformOptions<unknown>) {
    this.config = checkConfig(config);
  }

  transformSchema(schema: GraphQLSchema): GraphQLSchema {
    const queryType = schema.getQueryType();
    const legacyNode = queryType?.getFields().node;
    if (!queryType || !legacyNode)
      throw new Error('relay-node transform: the legacy schema has no Query.node');
    const legacyResolve: GraphQLFieldResolver<unknown, unknown> = legacyNode.resolve ?? (() => null);

    const { source, maxIds } = this.config;
    const ownNode = (id: string, context: unknown, info: GraphQLResolveInfo) => {
      const global = decodeGlobalId(id);
      const fetcher = global ? nodeFetcherOf(info.schema, global.typeName) : null;
      return global && fetcher ? fetcher(global.id, context) : undefined;
    };
    // Inside `nodes`, the legacy `node` is called through the in-context SDK: the proxying resolver of
    // `node` would delegate the field the client asked for, which is `nodes`.
    const legacyNodeViaSdk = (id: string, context: Record<string, unknown>, info: GraphQLResolveInfo) => {
      // The SDK is keyed by the source's own root type name: `Query`, or `Queries` before 25.13.
      const roots = context[source] as { [root: string]: Record<string, SdkNode> } | undefined;
      const sdk = roots?.Query ?? roots?.Queries;
      if (!sdk?.node)
        throw new Error(`relay-node transform: the Mesh context has no source named "${source}"`);
      return sdk.node({ root: {}, args: { id }, context, info }).then((value) => {
        if (value instanceof Error) throw value;
        return value;
      });
    };

    const hasNodes = queryType.getFields().nodes !== undefined;
    return mergeSchemas({
      // Legacy schemas use federation directives (@key, @shareable) without defining them.
      assumeValidSDL: true,
      schemas: [schema],
      typeDefs: hasNodes
        ? []
        : /* GraphQL */ `
          extend type ${queryType.name} {
            """Several nodes by global id, in the order asked; null where an id matches nothing."""
            nodes(ids: [ID!]!): [Node]!
          }`,
      resolvers: {
        [queryType.name]: {
          node: (root: unknown, args: { id: string }, context: unknown, info: GraphQLResolveInfo) =>
            ownNode(args.id, context, info) ?? legacyResolve(root, args, context, info),
          ...(hasNodes
            ? {}
            : {
                nodes: (
                  _root: unknown,
                  args: { ids: string[] },
                  context: Record<string, unknown>,
                  info: GraphQLResolveInfo,
                ) => {
                  if (args.ids.length > maxIds)
                    throw tooManyNodeIds('NODES_MAX_IDS', maxIds, args.ids.length);
                  // An id that fails becomes an error at its own index, not an error of the whole list.
                  return Promise.all(
                    args.ids.map((id) =>
                      (ownNode(id, context, info) ?? legacyNodeViaSdk(id, context, info)).catch(atOwnIndex),
                    ),
                  );
                },
              }),
        },
      },
    });
  }
}

/**
 * A list item that is an error is reported at the item's own path only when it is a fresh error; an error
 * that already carries the path of the upstream call (as SDK errors do) would be reported at `nodes` itself.
 */
export function atOwnIndex(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) {
    return new GraphQLError(error.message, {
      extensions: error.extensions,
      originalError: error.originalError ?? error,
    });
  }
  return new GraphQLError(error instanceof Error ? error.message : String(error), {
    originalError: error instanceof Error ? error : undefined,
  });
}
