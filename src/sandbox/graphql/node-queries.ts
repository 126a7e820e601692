/**
 * `node(id)` as `AsyncNode.get_node_from_global_id` resolves it over the types the schema has, and `user`
 * (the caller, or for a superadmin any user by email).
 */
import type { GraphQLSchema } from 'graphql';
import { QueryError, superadminRequired } from '../errors.ts';
import { resolveGlobalId } from '../python-compat.ts';
import type { SandboxContext } from '../state.ts';
import { groupView, userView } from '../views/accounts.ts';
import { registryNode } from './registry-queries.ts';

/** `AsyncNode.get_node_from_global_id` over the types the schema has. */
function nodeOf(context: SandboxContext, globalId: string, schema: GraphQLSchema) {
  const [typeName, rawId] = resolveGlobalId(globalId);
  const type = schema.getType(typeName);
  if (!type) throw new QueryError(`Relay Node "${typeName}" not found in schema`);
  const implementsNode = 'getInterfaces' in type && type.getInterfaces().some((i) => i.name === 'Node');
  if (!implementsNode)
    throw new QueryError(`ObjectType "${typeName}" does not implement the "Node" interface.`);
  switch (typeName) {
    // `ImageNode.get_node` takes a scope the node resolver does not pass.
    case 'ImageNode':
      throw new QueryError("ImageNode.get_node() missing 1 required positional argument: 'scope_id'");
    case 'ContainerRegistryNode':
      return registryNode(context, globalId);
    case 'GroupNode': {
      const project = context.state.dataset.projects.find(
        (candidate) => candidate.id === rawId.toLowerCase(),
      );
      return project ? groupView(project) : null;
    }
    default:
      return null;
  }
}

export function nodeAndUserResolvers(getSchema: () => GraphQLSchema) {
  return {
    node: (_: unknown, { id }: { id: string }, context: SandboxContext) => nodeOf(context, id, getSchema()),
    // `user` without arguments is the caller; a superadmin may name another user by email.
    user: (_: unknown, args: { email?: string | null }, context: SandboxContext) => {
      const { caller, state } = context;
      const email = args.email ?? caller.email;
      if (email !== caller.email && caller.role !== 'superadmin') throw superadminRequired();
      const user = state.dataset.users.find((candidate) => candidate.email === email);
      return user ? userView(user, state.dataset) : null;
    },
  };
}
