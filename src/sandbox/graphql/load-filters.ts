/**
 * The legacy `images` query's load filters (`general`, `operational`, `customized`), as `Image.matches_filter`
 * and the resolver's argument handling read them.
 */
import type { SandboxImage, SandboxUser } from '../data/types.ts';
import { invalidApiParameters } from '../errors.ts';

/** `Image.matches_filter`: which images a set of load filters lets through, label by label. */
export function matchesLoadFilters(image: SandboxImage, filters: Set<string>, caller: SandboxUser): boolean {
  let valid = filters.has('general');
  for (const [key, value] of Object.entries(image.labels)) {
    if (key === 'ai.backend.features' && value.includes('operation')) {
      if (!filters.has('operational')) return false;
      valid = true;
    } else if (key === 'ai.backend.customized-image.owner') {
      if (!filters.has('customized') && !filters.has('customized-global')) return false;
      if (filters.has('customized')) {
        if (value !== `user:${caller.uuid}`) return false;
        valid = true;
      }
      if (filters.has('customized-global')) {
        if (caller.role !== 'superadmin') return false;
        valid = true;
      }
    }
  }
  return valid;
}

const PUBLIC_LOAD_FILTERS = ['general', 'operational', 'customized'];

export function loadFiltersOf(
  args: { load_filters?: string[] | null; image_filters?: string[] | null; is_operation?: boolean | null },
  caller: SandboxUser,
): Set<string> {
  const requested = args.load_filters?.length ? args.load_filters : args.image_filters;
  if (requested == null) {
    const filters = new Set(['customized', 'general']);
    // "quite contradicts to the parameter name", as the manager says: only an explicit null adds them.
    if (args.is_operation === null) filters.add('operational');
    return filters;
  }
  const unknown = requested.find((name) => !PUBLIC_LOAD_FILTERS.includes(name));
  if (unknown !== undefined) {
    throw invalidApiParameters(
      `'${unknown}' is not a valid PublicImageLoadFilter. All elements of \`load_filters\` should be one of (${PUBLIC_LOAD_FILTERS.join(', ')})`,
    );
  }
  const filters = new Set(requested);
  if (caller.role === 'superadmin' && filters.delete('customized')) filters.add('customized-global');
  return filters;
}
