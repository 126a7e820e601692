/**
 * The sandbox's executable legacy schema. Any legacy SDL can be served (a release's own, or a whole manager
 * schema given by a test): federation directives whose definitions are missing are dropped, then resolvers
 * and the manager's scalars attach to what exists, and every other root field answers null. Errors read
 * as the manager's (`<title> (<detail>)` for its own errors, the bare text for Python ones).
 */
import { addResolversToSchema } from '@graphql-tools/schema';
import { buildASTSchema, type DocumentNode, type GraphQLSchema, parse, visit } from 'graphql';
import { imageQueryResolvers } from './image-queries.ts';
import { mutationResolvers } from './mutations.ts';
import { nodeAndUserResolvers } from './node-queries.ts';
import { allowedGroups, registryQueryResolvers } from './registry-queries.ts';
import { scalars } from './scalars.ts';

/** Manager schemas carry federation directives (`@key`, `@link`, ...) whose definitions they leave out. */
function withoutFederation(document: DocumentNode): DocumentNode {
  const declared = new Set(
    document.definitions.flatMap((definition) =>
      definition.kind === 'DirectiveDefinition' ? [definition.name.value] : [],
    ),
  );
  const builtIn = new Set(['deprecated', 'specifiedBy', 'include', 'skip', 'oneOf']);
  return visit(document, {
    Directive(node) {
      return declared.has(node.name.value) || builtIn.has(node.name.value) ? undefined : null;
    },
    SchemaExtension(node) {
      return node.operationTypes?.length ? { ...node, directives: [] } : null;
    },
  });
}

/** An executable schema for the SDL, with the sandbox's resolvers and scalars on what it has. */
export function buildSandboxSchema(sdl: string): GraphQLSchema {
  const schema = buildASTSchema(withoutFederation(parse(sdl)), { assumeValidSDL: true });
  const queryType = schema.getQueryType();
  const mutationType = schema.getMutationType();
  const pick = (type: typeof queryType, resolvers: Record<string, unknown>) => {
    if (!type) return {};
    const fields = type.getFields();
    return { [type.name]: Object.fromEntries(Object.entries(resolvers).filter(([name]) => name in fields)) };
  };
  const nodeTypes = ['Node', 'AsyncNode', 'Item'].filter((name) => schema.getType(name));
  const ownScalars = Object.entries(scalars()).filter(([name]) => schema.getType(name));
  let executable: GraphQLSchema | undefined;
  const registry = schema.getType('ContainerRegistryNode');
  const hasAllowedGroups = registry && 'getFields' in registry && 'allowed_groups' in registry.getFields();
  executable = addResolversToSchema({
    schema,
    resolvers: {
      ...Object.fromEntries(ownScalars),
      ...pick(queryType, {
        ...nodeAndUserResolvers(() => executable as GraphQLSchema),
        ...imageQueryResolvers(),
        ...registryQueryResolvers(),
      }),
      ...pick(mutationType, mutationResolvers()),
      ...(hasAllowedGroups ? { ContainerRegistryNode: { allowed_groups: allowedGroups } } : {}),
      ...Object.fromEntries(
        nodeTypes.map((name) => [
          name,
          { __resolveType: (value: { __typename: string }) => value.__typename },
        ]),
      ),
    },
  });
  return executable;
}
