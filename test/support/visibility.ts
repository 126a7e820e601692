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

export type Compare = (a: SandboxImage, b: SandboxImage) => number;

export const canonicalOf = (image: SandboxImage) => `${image.registry}/${image.image}:${image.tag}`;

const byText = (a: string, b: string) => (a === b ? 0 : a < b ? -1 : 1);

export const byId: Compare = (a, b) => byText(a.id, b.id);

/** Canonical name, then the id. */
export const byName: Compare = (a, b) => byText(canonicalOf(a), canonicalOf(b)) || byId(a, b);

/**
 * The order a superadmin's listing promises (README, "What adminImagesV2 lists"): for an order by
 * creation time, the rows of the superadmin's system scope in the manager's order (`managerOrder`), then
 * every other row by `rest`; for an order without creation time, `rest` alone.
 */
export function superadminOrder(
  dataset: Dataset,
  rows: SandboxImage[],
  order: { managerOrder?: Compare; rest: Compare },
): SandboxImage[] {
  if (!order.managerOrder) return [...rows].sort(order.rest);
  const superadmin = dataset.users.find((user) => user.role === 'superadmin');
  if (!superadmin) throw new Error('no superadmin');
  const ranked = new Set(systemScopeOf(dataset, superadmin.uuid).map((image) => image.id));
  return [
    ...rows.filter((image) => ranked.has(image.id)).sort(order.managerOrder),
    ...rows.filter((image) => !ranked.has(image.id)).sort(order.rest),
  ];
}
