/**
 * Which images a caller reaches through `image_nodes`/`image_node` in a scope, and with which permissions:
 * the 26.1 manager's `ImagePermissionContextBuilder` (25.6 is the same), over the sandbox's dataset.
 *
 * Permissions in a scope come from the caller's predefined role there, and a superadmin always has all of
 * them: owner (all), admin and (privileged) member (read_attribute, create_container), monitor
 * (read_attribute, update_attribute). An image is accessible when its registry host is allowed to the
 * relevant domain and it is not somebody else's customized image. Then, per scope:
 *
 * - `system`: the global registries' images (with the permissions of the caller's first project; a caller
 *   in no project fails, as the manager's `list(...)[0]` does), the images of non-global registries
 *   associated with the caller's projects, and the caller's own customized images (all permissions);
 * - `domain:<name>`: the global registries' images the domain allows, the caller's own customized images,
 *   and the non-global registries of the domain's projects;
 * - `project:<uuid>`: the global registries' images and the non-global registries associated with it;
 * - `user:<uuid>`: that user's customized images (for a superadmin or admin; a user always gets their own)
 *   and the non-global registries of that user's projects.
 *
 * Images whose permissions lack the requested one (default `read_attribute`) are dropped. Unknown
 * domains, projects and users are `InvalidScope` errors. Not modelled: per-object permission overrides
 * (no dataset row has one) and the monitor role.
 */
import type { Dataset, SandboxImage, SandboxRegistry, SandboxUser } from './data/types.ts';
import { ManagerError, QueryError } from './errors.ts';
import { PythonError, pythonUuid } from './python-compat.ts';
import { isCustomized, isOwnedBy } from './views/images.ts';

export type Scope =
  | { kind: 'system' }
  | { kind: 'domain'; name: string }
  | { kind: 'project'; id: string }
  | { kind: 'user'; id: string };

/** `ImagePermission`, in declaration order (the order `permissions` lists them). */
export const IMAGE_PERMISSIONS = [
  'read_attribute',
  'update_attribute',
  'create_container',
  'forget_image',
] as const;
export type ImagePermission = (typeof IMAGE_PERMISSIONS)[number];

const ALL = new Set<ImagePermission>(IMAGE_PERMISSIONS);
const MEMBER = new Set<ImagePermission>(['read_attribute', 'create_container']);

/** `deserialize_scope`, throwing what the `ScopeField` scalar's parsing raises (the message only). */
export function parseScope(value: string): Scope {
  const colon = value.indexOf(':');
  const type = colon < 0 ? value : value.slice(0, colon);
  const rest = colon < 0 ? '' : value.slice(colon + 1);
  const uuidPart = () => {
    const raw = rest.includes(':') ? rest.slice(0, rest.indexOf(':')) : rest;
    try {
      return pythonUuid(raw);
    } catch (error) {
      if (error instanceof PythonError) throw new Error(error.message);
      throw error;
    }
  };
  if (type === 'system') return { kind: 'system' };
  if (type === 'domain') return { kind: 'domain', name: rest };
  if (type === 'project') return { kind: 'project', id: uuidPart() };
  if (type === 'user') return { kind: 'user', id: uuidPart() };
  // The manager formats the loop variable left over from its `for ... else`: always UserScope.
  throw new Error(
    new ManagerError('invalidScope', "Invalid scope (s: <class 'ai.backend.manager.models.rbac.UserScope'>)")
      .message,
  );
}

export function formatScope(scope: Scope): string {
  switch (scope.kind) {
    case 'system':
      return 'system:';
    case 'domain':
      return `domain:${scope.name}`;
    case 'project':
      return `project:${scope.id}`;
    case 'user':
      return `user:${scope.id}`;
  }
}

export type PermissionMap = Map<string, ReadonlySet<ImagePermission>>;

function merge(into: Map<string, Set<ImagePermission>>, from: Map<string, Set<ImagePermission>>) {
  for (const [id, permissions] of from) {
    const existing = into.get(id);
    if (existing) for (const permission of permissions) existing.add(permission);
    else into.set(id, new Set(permissions));
  }
}

export class ImagePermissions {
  private readonly registries: Map<string, SandboxRegistry>;

  constructor(private readonly dataset: Dataset) {
    this.registries = new Map(dataset.registries.map((registry) => [registry.id, registry]));
  }

  private user(id: string): SandboxUser | undefined {
    return this.dataset.users.find((user) => user.uuid === id);
  }

  private projectsOf(userId: string): string[] {
    return this.user(userId)?.projectIds ?? [];
  }

  private allowedRegistriesOfUser(userId: string): Set<string> {
    const user = this.user(userId);
    if (!user) throw new ManagerError('invalidScope', `User not found (id:${userId})`);
    const domain = this.dataset.domains.find((candidate) => candidate.name === user.domain);
    if (!domain) throw new ManagerError('invalidScope', `User domain not found (id:${userId})`);
    return new Set(domain.allowedRegistries);
  }

  private accessible(image: SandboxImage, allowedRegistries: Set<string>, userId: string): boolean {
    return allowedRegistries.has(image.registry) && !(isCustomized(image) && !isOwnedBy(image, userId));
  }

  private registryOf(image: SandboxImage): SandboxRegistry | undefined {
    return this.registries.get(image.registryId);
  }

  /** `calculate_permission`: the predefined role's permissions in the scope, all of them for a superadmin. */
  permissionsIn(caller: SandboxUser, scope: Scope): Set<ImagePermission> {
    if (caller.role === 'superadmin') return new Set(ALL);
    switch (scope.kind) {
      case 'system':
        return new Set(MEMBER);
      case 'domain':
        return scope.name === caller.domain ? new Set(MEMBER) : new Set();
      case 'project': {
        if (caller.role === 'admin') {
          const project = this.dataset.projects.find((candidate) => candidate.id === scope.id);
          if (!project || project.domain !== caller.domain) return new Set();
          return caller.projectIds.includes(scope.id) ? new Set(ALL) : new Set(MEMBER);
        }
        return caller.projectIds.includes(scope.id) ? new Set(MEMBER) : new Set();
      }
      case 'user': {
        if (scope.id === caller.uuid) return new Set(ALL);
        if (caller.role === 'admin' && this.user(scope.id)?.domain === caller.domain) return new Set(MEMBER);
        return new Set();
      }
    }
  }

  private projectPermissions(caller: SandboxUser, projectIds: string[]): Map<string, Set<ImagePermission>> {
    const permissions = new Map<string, Set<ImagePermission>>();
    for (const id of projectIds) {
      if (!this.dataset.projects.some((project) => project.id === id))
        throw new ManagerError('invalidScope', `Project not found (project_id: ${id})`);
      permissions.set(id, this.permissionsIn(caller, { kind: 'project', id }));
    }
    return permissions;
  }

  /** `_in_project_scopes_global`: every global registry image, with the first project's permissions. */
  private globalImages(caller: SandboxUser, projectIds: string[]): Map<string, Set<ImagePermission>> {
    const perProject = this.projectPermissions(caller, projectIds);
    const allowed = this.allowedRegistriesOfUser(caller.uuid);
    const result = new Map<string, Set<ImagePermission>>();
    for (const image of this.dataset.images) {
      if (!this.registryOf(image)?.isGlobal || !this.accessible(image, allowed, caller.uuid)) continue;
      const first = perProject.values().next();
      if (first.done) throw new QueryError('list index out of range');
      result.set(image.id, new Set(first.value));
    }
    return result;
  }

  /** `_in_project_scopes_non_global`: images of registries associated with any of the projects. */
  private projectRegistryImages(
    caller: SandboxUser,
    projectIds: string[],
  ): Map<string, Set<ImagePermission>> {
    const perProject = this.projectPermissions(caller, projectIds);
    const allowed = this.allowedRegistriesOfUser(caller.uuid);
    const result = new Map<string, Set<ImagePermission>>();
    for (const image of this.dataset.images) {
      const registry = this.registryOf(image);
      if (!registry?.projectIds.some((id) => projectIds.includes(id))) continue;
      if (!this.accessible(image, allowed, caller.uuid)) continue;
      for (const projectId of registry.projectIds) {
        const permissions = perProject.get(projectId);
        // The manager indexes its map with every associated project, asked for or not.
        if (!permissions) throw new QueryError(`'${projectId}'`);
        result.set(image.id, new Set(permissions));
      }
    }
    return result;
  }

  /** `_in_user_scope`: the (effective) user's customized images in global registries. */
  private customizedImages(caller: SandboxUser, userId: string): Map<string, Set<ImagePermission>> {
    const allowed = this.allowedRegistriesOfUser(userId);
    const permissions = this.permissionsIn(caller, { kind: 'user', id: userId });
    const owner = caller.role === 'user' ? caller.uuid : userId;
    const result = new Map<string, Set<ImagePermission>>();
    for (const image of this.dataset.images) {
      if (!this.registryOf(image)?.isGlobal || !isCustomized(image)) continue;
      if (this.accessible(image, allowed, owner)) result.set(image.id, new Set(permissions));
    }
    return result;
  }

  /** `_in_domain_scope`: the global registries' images the domain allows. */
  private domainImages(caller: SandboxUser, name: string): Map<string, Set<ImagePermission>> {
    const domain = this.dataset.domains.find((candidate) => candidate.name === name);
    if (!domain) throw new ManagerError('invalidScope', `Domain not found (n:${name})`);
    const permissions = this.permissionsIn(caller, { kind: 'domain', name });
    const allowed = new Set(domain.allowedRegistries);
    const result = new Map<string, Set<ImagePermission>>();
    for (const image of this.dataset.images) {
      if (this.registryOf(image)?.isGlobal && this.accessible(image, allowed, caller.uuid))
        result.set(image.id, new Set(permissions));
    }
    return result;
  }

  /** Every image the caller reaches in the scope with the requested permission, and its permissions. */
  permissionMap(caller: SandboxUser, scope: Scope, requested: ImagePermission): PermissionMap {
    const result = new Map<string, Set<ImagePermission>>();
    switch (scope.kind) {
      case 'system': {
        const projects = this.projectsOf(caller.uuid);
        merge(result, this.globalImages(caller, projects));
        merge(result, this.projectRegistryImages(caller, projects));
        merge(result, this.customizedImages(caller, caller.uuid));
        break;
      }
      case 'domain': {
        merge(result, this.domainImages(caller, scope.name));
        merge(result, this.customizedImages(caller, caller.uuid));
        const projects = this.dataset.projects.filter((p) => p.domain === scope.name).map((p) => p.id);
        merge(result, this.projectRegistryImages(caller, projects));
        break;
      }
      case 'project':
        merge(result, this.globalImages(caller, [scope.id]));
        merge(result, this.projectRegistryImages(caller, [scope.id]));
        break;
      case 'user':
        merge(result, this.customizedImages(caller, scope.id));
        merge(result, this.projectRegistryImages(caller, this.projectsOf(scope.id)));
        break;
    }
    for (const [id, permissions] of result) if (!permissions.has(requested)) result.delete(id);
    return result;
  }

  /**
   * What the non-node `images` / `image` / `customized_images` show a non-superadmin
   * (`Image.filter_allowed`): images of the registries the caller's domain allows.
   */
  allowedInDomain(caller: SandboxUser, image: SandboxImage): boolean {
    if (caller.role === 'superadmin') return true;
    const domain = this.dataset.domains.find((candidate) => candidate.name === caller.domain);
    return domain?.allowedRegistries.includes(image.registry) ?? false;
  }
}

/** Permissions in `ImagePermission` order, as the sandbox lists them (the manager's frozenset has no order). */
export function permissionList(permissions: ReadonlySet<ImagePermission> | undefined): ImagePermission[] {
  return IMAGE_PERMISSIONS.filter((permission) => permissions?.has(permission));
}
