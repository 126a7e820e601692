/**
 * Registry root fields (`container_registry_node`, `container_registry_nodes`, superadmin only) and
 * `ContainerRegistryNode.allowed_groups`.
 */
import type { SandboxProject, SandboxRegistry } from '../data/types.ts';
import { QueryError, superadminRequired } from '../errors.ts';
import { GROUP_FIELDS, REGISTRY_FIELDS } from '../image-query.ts';
import type { ConnectionArgs } from '../pagination.ts';
import { PythonError, pythonUuid, resolveGlobalId } from '../python-compat.ts';
import type { SandboxContext } from '../state.ts';
import { groupView } from '../views/accounts.ts';
import { registryView } from '../views/registries.ts';
import { connectionOf, connectionPage } from './connection.ts';

export function registryNode(context: SandboxContext, globalId: string) {
  const [, rawId] = resolveGlobalId(globalId);
  let id: string;
  try {
    id = pythonUuid(rawId);
  } catch (error) {
    if (error instanceof PythonError) throw new QueryError(`(builtins.ValueError) ${error.message}`);
    throw error;
  }
  const view = registryView(context.state.dataset, id);
  if (!view) throw new QueryError(`Container registry not found (id: ${rawId})`);
  return view;
}

export function registryQueryResolvers() {
  return {
    container_registry_node: (_: unknown, { id }: { id: string }, context: SandboxContext) => {
      if (context.caller.role !== 'superadmin') throw superadminRequired();
      return registryNode(context, id);
    },
    container_registry_nodes: (
      _: unknown,
      args: ConnectionArgs & { filter?: string | null; order?: string | null },
      context: SandboxContext,
    ) => {
      if (context.caller.role !== 'superadmin') throw superadminRequired();
      const { dataset } = context.state;
      const page = connectionPage<SandboxRegistry>({
        args,
        filterFields: REGISTRY_FIELDS,
        orderFields: REGISTRY_FIELDS,
        rules: context.state.pagingRules,
        rowsInScope: () => dataset.registries,
        rowById: (id) => dataset.registries.find((registry) => registry.id === id),
      });
      return connectionOf(page, (registry) => registryView(dataset, registry.id));
    },
  };
}

/** `ContainerRegistryNode.allowed_groups`: every project for a global registry, else the associated ones. */
export function allowedGroups(
  registry: { row_id: string; is_global: boolean },
  args: ConnectionArgs & { filter?: string | null; order?: string | null },
  context: SandboxContext,
) {
  const { dataset } = context.state;
  const row = dataset.registries.find((candidate) => candidate.id === registry.row_id);
  const projects = dataset.projects.filter(
    (project) => registry.is_global || row?.projectIds.includes(project.id),
  );
  const page = connectionPage<SandboxProject>({
    args,
    filterFields: GROUP_FIELDS,
    orderFields: GROUP_FIELDS,
    rules: context.state.pagingRules,
    rowsInScope: () => projects,
    rowById: (id) => dataset.projects.find((project) => project.id === id),
  });
  return connectionOf(page, groupView);
}
