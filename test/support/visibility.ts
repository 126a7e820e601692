/**
 * What each demo user may list, computed from the dataset's declared facts (registries, their projects and
 * globality, each domain's allowed registries, the customized-image owner label), not from the sandbox's
 * own functions: the oracle the listing tests compare the gateway's and the sandbox's answers with.
 *
 * - `everyImage`: the manager's whole images table, what the native `adminImagesV2` lists.
 * - `systemScopeOf`: what `image_nodes(scope_id: "system")` gives a user (the manager's
 *   ImagePermissionContextBuilder): images of registries allowed in the user's domain that are global or
 *   open to one of the user's projects, but not somebody else's customized images.
 */
import type { Dataset, SandboxImage } from '../../src/sandbox/index.ts';

const OWNER_LABEL = 'ai.backend.customized-image.owner';

export function everyImage(dataset: Dataset): SandboxImage[] {
  return [...dataset.images];
}

export function isCustomizedImage(image: SandboxImage): boolean {
  return image.labels[OWNER_LABEL] !== undefined;
}

export function systemScopeOf(dataset: Dataset, userId: string): SandboxImage[] {
  const user = dataset.users.find((candidate) => candidate.uuid === userId);
  if (!user) throw new Error(`no user ${userId}`);
  const allowed = new Set(dataset.domains.find((domain) => domain.name === user.domain)?.allowedRegistries);
  return dataset.images.filter((image) => {
    const registry = dataset.registries.find((candidate) => candidate.id === image.registryId);
    if (!registry || !allowed.has(image.registry)) return false;
    const owner = image.labels[OWNER_LABEL];
    if (owner !== undefined && owner !== `user:${userId}`) return false;
    return registry.isGlobal || registry.projectIds.some((id) => user.projectIds.includes(id));
  });
}

/** Newest first, the id ascending breaking ties: the manager's `-created_at` order. */
export function newestFirst(a: SandboxImage, b: SandboxImage): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? -1 : 1;
}
