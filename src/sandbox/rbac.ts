/**
 * Which images a caller sees through `image_nodes` / `image_node` in a scope, after the 26.1 manager's
 * ImagePermissionContextBuilder, reduced to the rules that decide visibility:
 *
 * - an image is accessible when its registry host is allowed to the caller's domain and, if it is a
 *   customized image, when it belongs to the user in question;
 * - `system`: images of global registries (for a member of any project), images of non-global registries
 *   open to one of the caller's projects, and the caller's own customized images. This holds for a
 *   superadmin too: the scope is RBAC-scoped, not "everything";
 * - `domain:<name>`: global-registry images the domain allows, plus non-global registries of the domain's
 *   projects; other domains are empty for a non-superadmin;
 * - `project:<uuid>`: global-registry images plus non-global registries open to that project; a project the
 *   caller is not a member of is empty for a non-superadmin;
 * - `user:<uuid>`: that user's customized images (only the caller's own for a non-admin), plus non-global
 *   registries of that user's projects.
 *
 * Simplified: per-object permission overrides and the admin role's domain-wide rights are not modelled.
 */
import type { Dataset, SandboxImage, SandboxRegistry, SandboxUser } from './dataset.ts';
import { isCustomized, isOwnedBy } from './image-views.ts';

export type Scope =
  | { kind: 'system' }
  | { kind: 'domain'; name: string }
  | { kind: 'project'; id: string }
  | { kind: 'user'; id: string };

export class InvalidScope extends Error {
  override name = 'InvalidScope';
}

export function parseScope(value: string): Scope {
  if (value === 'system') return { kind: 'system' };
  const colon = value.indexOf(':');
  const type = value.slice(0, colon);
  const id = value.slice(colon + 1);
  if (colon > 0 && id) {
    if (type === 'domain') return { kind: 'domain', name: id };
    if (type === 'project') return { kind: 'project', id };
    if (type === 'user') return { kind: 'user', id };
  }
  throw new InvalidScope(
    `Invalid scope value: ${value}. It should be one of system, domain:<name>, project:<uuid>, user:<uuid>`,
  );
}

export const ALL_PERMISSIONS = ['read_attribute', 'update_attribute', 'create_container', 'forget_image'];
const MEMBER_PERMISSIONS = ['read_attribute', 'create_container'];

export class ImageVisibility {
  private readonly registries: Map<string, SandboxRegistry>;

  constructor(private readonly dataset: Dataset) {
    this.registries = new Map(dataset.registries.map((registry) => [registry.id, registry]));
  }

  private userById(id: string): SandboxUser | undefined {
    return this.dataset.users.find((user) => user.uuid === id);
  }

  private allowedHosts(user: SandboxUser): Set<string> {
    return new Set(
      this.dataset.domains.find((domain) => domain.name === user.domain)?.allowedRegistries ?? [],
    );
  }

  private accessible(image: SandboxImage, hosts: Set<string>, ownerId: string): boolean {
    return hosts.has(image.registry) && (!isCustomized(image) || isOwnedBy(image, ownerId));
  }

  private openTo(image: SandboxImage, projectIds: string[]): boolean {
    const registry = this.registries.get(image.registryId);
    return !!registry && !registry.isGlobal && registry.projectIds.some((id) => projectIds.includes(id));
  }

  private isGlobal(image: SandboxImage): boolean {
    return this.registries.get(image.registryId)?.isGlobal ?? false;
  }

  /** The filter `image_nodes` applies for `caller` in `scope`. */
  predicate(caller: SandboxUser, scope: Scope): (image: SandboxImage) => boolean {
    const privileged = caller.role === 'superadmin';
    const hosts = this.allowedHosts(caller);
    const nothing = () => false;
    switch (scope.kind) {
      case 'system': {
        const member = caller.projectIds.length > 0;
        return (image) =>
          this.accessible(image, hosts, caller.uuid) &&
          ((this.isGlobal(image) && (member || isCustomized(image))) ||
            this.openTo(image, caller.projectIds));
      }
      case 'domain': {
        if (!privileged && scope.name !== caller.domain) return nothing;
        const domainHosts = new Set(
          this.dataset.domains.find((d) => d.name === scope.name)?.allowedRegistries ?? [],
        );
        const domainProjects = this.dataset.projects.filter((p) => p.domain === scope.name).map((p) => p.id);
        return (image) =>
          this.accessible(image, domainHosts, caller.uuid) &&
          (this.isGlobal(image) || this.openTo(image, domainProjects));
      }
      case 'project': {
        if (!privileged && !caller.projectIds.includes(scope.id)) return nothing;
        return (image) =>
          this.accessible(image, hosts, caller.uuid) &&
          (this.isGlobal(image) || this.openTo(image, [scope.id]));
      }
      case 'user': {
        const subject = privileged || caller.role === 'admin' ? this.userById(scope.id) : caller;
        if (!subject || (!privileged && scope.id !== caller.uuid)) return nothing;
        return (image) =>
          this.accessible(image, this.allowedHosts(subject), subject.uuid) &&
          ((this.isGlobal(image) && isCustomized(image)) || this.openTo(image, subject.projectIds));
      }
    }
  }

  permissionsOf(caller: SandboxUser, image: SandboxImage): string[] {
    return caller.role === 'superadmin' || isOwnedBy(image, caller.uuid)
      ? ALL_PERMISSIONS
      : MEMBER_PERMISSIONS;
  }

  /**
   * What the non-node `images` / `image` / `customized_images` show a non-superadmin: images of the
   * registries the domain allows, customized ones only to their owner (`Image.filter_allowed`).
   */
  allowedInDomain(caller: SandboxUser, image: SandboxImage): boolean {
    if (caller.role === 'superadmin') return true;
    return this.accessible(image, this.allowedHosts(caller), caller.uuid);
  }
}
