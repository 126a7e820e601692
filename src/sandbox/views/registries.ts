/** How the legacy API renders a registry row, as `ContainerRegistryNode.from_row` does. */
import type { Dataset } from '../data/types.ts';
import { toGlobalId } from '../python-compat.ts';

export function registryView(dataset: Dataset, registryId: string) {
  const registry = dataset.registries.find((r) => r.id === registryId);
  if (!registry) return null;
  return {
    __typename: 'ContainerRegistryNode',
    id: toGlobalId('ContainerRegistryNode', registry.id),
    row_id: registry.id,
    // `from_row` never sets `name`.
    name: null,
    url: registry.url,
    type: registry.type,
    registry_name: registry.name,
    is_global: registry.isGlobal,
    project: registry.project,
    username: registry.username,
    password: registry.username === null ? null : '*****',
    ssl_verify: true,
    extra: null,
  };
}
