/**
 * Which root fields the gateway resolves entirely itself (the ImageV2 lists and lookups), as opposed to
 * those Mesh delegates to the manager's schema (every legacy field, `node`/`nodes`). The transform that
 * adds them declares them on the query type's GraphQL extensions, where later transforms keep them, so the
 * server can tell an operation made only of them without knowing any transform.
 */
import type { GraphQLSchema } from 'graphql';

const EXTENSION_KEY = 'imagev2GatewayOwnRootFields';

export function declareOwnRootFields(schema: GraphQLSchema, fields: readonly string[]): void {
  const query = schema.getQueryType();
  if (!query) throw new Error('the schema has no query type');
  const declared = (query.extensions[EXTENSION_KEY] as readonly string[] | undefined) ?? [];
  // graphql-js types are immutable in TypeScript only; extensions are meant to carry such metadata.
  (query as { extensions: Record<string, unknown> }).extensions = {
    ...query.extensions,
    [EXTENSION_KEY]: [...declared, ...fields],
  };
}

export function ownRootFieldsOf(schema: GraphQLSchema): ReadonlySet<string> {
  const declared = schema.getQueryType()?.extensions[EXTENSION_KEY] as readonly string[] | undefined;
  return new Set(declared ?? []);
}
