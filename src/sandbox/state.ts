/**
 * The live data one sandbox serves, and the context every resolver gets: who calls, on which release.
 * Listings and permission maps are kept between requests, as a database index would spare the work, and
 * dropped when a mutation changes data.
 */
import type { Dataset, SandboxUser } from './data/types.ts';
import { ImageIndex } from './image-lookup.ts';
import type { PagingRules } from './pagination.ts';
import {
  formatScope,
  type ImagePermission,
  ImagePermissions,
  type PermissionMap,
  type Scope,
} from './rbac.ts';
import { type ManagerVersion, RELEASES } from './releases.ts';

export interface SandboxContext {
  caller: SandboxUser;
  state: SandboxState;
  version: ManagerVersion;
}

/** The live data one sandbox serves; mutations change it and call `changed()`. */
export class SandboxState {
  readonly permissions: ImagePermissions;
  readonly images: ImageIndex;
  /** Per query: the matching rows in forward order, as a database index spares re-sorting per page. */
  private readonly orderedMatches = new Map<string, unknown[]>();
  private readonly permissionMaps = new Map<string, PermissionMap>();

  constructor(
    readonly dataset: Dataset,
    readonly version: ManagerVersion,
    readonly maxPageSize: number | null,
  ) {
    this.permissions = new ImagePermissions(dataset);
    this.images = new ImageIndex(dataset.images);
  }

  get pagingRules(): PagingRules {
    const traits = RELEASES[this.version];
    return {
      cursorWithoutOrderIgnored: traits.cursorWithoutOrderIgnored,
      countAfterCursor: traits.countAfterCursor,
      maxPageSize: this.maxPageSize,
    };
  }

  /** Mutations call this: cached orders and permissions are dropped. */
  changed(): void {
    this.orderedMatches.clear();
    this.permissionMaps.clear();
  }

  /** The caller when authentication is off. */
  superadmin(): SandboxUser {
    return this.dataset.users.find((user) => user.role === 'superadmin') as SandboxUser;
  }

  permissionMap(caller: SandboxUser, scope: Scope, permission: ImagePermission): PermissionMap {
    const key = `${caller.uuid}|${formatScope(scope)}|${permission}`;
    let map = this.permissionMaps.get(key);
    if (!map) {
      map = this.permissions.permissionMap(caller, scope, permission);
      this.permissionMaps.set(key, map);
    }
    return map;
  }

  orderedMatchesFor<T>(key: string, compute: () => T[]): T[] {
    let rows = this.orderedMatches.get(key) as T[] | undefined;
    if (!rows) {
      rows = compute();
      if (this.orderedMatches.size >= 256) this.orderedMatches.clear();
      this.orderedMatches.set(key, rows);
    }
    return rows;
  }
}
