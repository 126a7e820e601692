/**
 * How `node(id)` and `nodes(ids)` find objects the gateway itself serves. A type that can be fetched by id
 * declares a fetcher in its GraphQL extensions (`declareNodeFetcher`); the relay-node transform dispatches
 * global ids of those types to it and leaves every other id to the legacy manager. Keeping the fetcher on
 * the type lets each transform own its types without the two transforms knowing each other.
 */
import { type GraphQLSchema, isObjectType } from 'graphql';

export type NodeFetcher = (id: string, context: unknown) => Promise<object | null>;

const EXTENSION_KEY = 'imagev2GatewayNodeFetcher';

export function declareNodeFetcher(schema: GraphQLSchema, typeName: string, fetcher: NodeFetcher): void {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type of the schema`);
  // graphql-js types are immutable in TypeScript only; extensions are meant to carry such metadata.
  (type as { extensions: Record<string, unknown> }).extensions = {
    ...type.extensions,
    [EXTENSION_KEY]: fetcher,
  };
}

export function nodeFetcherOf(schema: GraphQLSchema, typeName: string): NodeFetcher | null {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) return null;
  const fetcher = type.extensions[EXTENSION_KEY];
  return typeof fetcher === 'function' ? (fetcher as NodeFetcher) : null;
}
