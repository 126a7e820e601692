/**
 * The image root fields: `image_nodes` (RBAC scope, permission, statuses, filter, order, paging),
 * `image_node`, `image` (by id or by reference), `images` (load filters) and `customized_images`.
 */
import type { SandboxImage } from '../data/types.ts';
import { invalidApiParameters, ManagerError, QueryError } from '../errors.ts';
import { DEFAULT_ARCHITECTURE } from '../image-lookup.ts';
import { imageFilterFields, imageOrderFields } from '../image-query.ts';
import type { ConnectionArgs } from '../pagination.ts';
import { PythonError, pythonUuid } from '../python-compat.ts';
import {
  formatScope,
  type ImagePermission,
  type PermissionMap,
  permissionList,
  type Scope,
} from '../rbac.ts';
import { type ManagerVersion, RELEASES } from '../releases.ts';
import type { SandboxContext } from '../state.ts';
import { imageNodeView, isCustomized, legacyImageView } from '../views/images.ts';
import { connectionOf, connectionPage } from './connection.ts';
import { loadFiltersOf, matchesLoadFilters } from './load-filters.ts';

/** A Python exception's text as a GraphQL error (graphene shows `str(exc)`). */
const pythonValueError = (error: unknown): never => {
  if (error instanceof PythonError) throw new QueryError(error.message);
  throw error;
};

type Statuses = ('ALIVE' | 'DELETED')[] | null | undefined;

/** `filter_by_statuses`: ALIVE by default; an empty list filters nothing (`if filter_by_statuses:`). */
function statusFilter(statuses: Statuses, version: ManagerVersion): (image: SandboxImage) => boolean {
  if (statuses === null && RELEASES[version].nullStatusesMeanAll) return () => true;
  const wanted = statuses ?? ['ALIVE'];
  return wanted.length === 0 ? () => true : (image) => wanted.includes(image.status);
}

function scopeOrSystem(scope: Scope | null | undefined): Scope {
  return scope ?? { kind: 'system' };
}

function imageNodes(
  context: SandboxContext,
  args: ConnectionArgs & {
    scope_id: Scope;
    permission?: ImagePermission;
    filter_by_statuses?: Statuses;
    filter?: string | null;
    order?: string | null;
  },
) {
  const { state, caller, version } = context;
  const permission = args.permission ?? 'read_attribute';
  let permissions: PermissionMap = new Map();
  const page = connectionPage<SandboxImage>({
    args,
    filterFields: imageFilterFields(version),
    orderFields: imageOrderFields(version),
    rules: state.pagingRules,
    checkScope: () => {
      permissions = state.permissionMap(caller, args.scope_id, permission);
    },
    rowsInScope: () => {
      const byStatus = statusFilter(args.filter_by_statuses, version);
      return [...permissions.keys()]
        .map((id) => state.images.get(id) as SandboxImage)
        .filter((image) => image !== undefined && byStatus(image));
    },
    rowById: (id) => state.images.get(id),
    cache: {
      key: JSON.stringify([
        caller.uuid,
        formatScope(args.scope_id),
        permission,
        args.filter_by_statuses === undefined ? 'default' : args.filter_by_statuses,
        args.filter ?? null,
        args.order ?? null,
      ]),
      state,
    },
  });
  return connectionOf(page, (image) => imageNodeView(image, permissionList(permissions.get(image.id))));
}

function imageNode(context: SandboxContext, id: [string, string], scope: Scope, permission: ImagePermission) {
  const { state, caller } = context;
  const permissions = state.permissionMap(caller, scope, permission);
  if (permissions.size === 0) return null;
  let rowId: string;
  try {
    rowId = pythonUuid(id[1]);
  } catch (error) {
    return pythonValueError(error);
  }
  const granted = permissions.get(rowId);
  const image = state.images.get(rowId);
  return image && granted ? imageNodeView(image, permissionList(granted)) : null;
}

export function imageQueryResolvers() {
  return {
    image: (
      _: unknown,
      args: { id?: string | null; reference?: string | null; architecture?: string | null },
      context: SandboxContext,
    ) => {
      const { state, caller, version } = context;
      const traits = RELEASES[version];
      const statuses = traits.imageByIdStatuses === 'any' ? 'any' : (['ALIVE'] as const);
      let image: SandboxImage | undefined;
      if (args.id) {
        let id: string;
        try {
          id = pythonUuid(args.id);
        } catch (error) {
          return pythonValueError(error);
        }
        image = state.images.getWithStatus(id, statuses);
        if (!image) throw new ManagerError('imageNotFound');
      } else {
        if (!args.reference || (traits.imageNeedsArchitecture && !args.architecture))
          throw invalidApiParameters("reference/architecture and id can't be omitted at the same time!");
        const architecture = args.architecture ?? DEFAULT_ARCHITECTURE;
        image = state.images.resolve(
          [{ identifier: args.reference, architecture }, { alias: args.reference }],
          statuses,
        );
      }
      if (!state.permissions.allowedInDomain(caller, image)) throw new ManagerError('imageNotFound');
      return legacyImageView(image);
    },
    images: (
      _: unknown,
      args: {
        is_installed?: boolean | null;
        is_operation?: boolean | null;
        filter_by_statuses?: Statuses;
        load_filters?: string[] | null;
        image_filters?: string[] | null;
      },
      context: SandboxContext,
    ) => {
      const { state, caller, version } = context;
      const filters = loadFiltersOf(args, caller);
      const byStatus = statusFilter(args.filter_by_statuses ?? undefined, version);
      return state.dataset.images
        .filter(
          (image) =>
            byStatus(image) &&
            matchesLoadFilters(image, filters, caller) &&
            state.permissions.allowedInDomain(caller, image) &&
            (args.is_installed == null || image.installedAgents.length > 0 === args.is_installed),
        )
        .map(legacyImageView);
    },
    customized_images: (_: unknown, _args: unknown, context: SandboxContext) => {
      const { state, caller } = context;
      const own = new Set(['customized']);
      return state.dataset.images
        .filter(
          (image) =>
            image.status === 'ALIVE' &&
            matchesLoadFilters(image, own, caller) &&
            isCustomized(image) &&
            state.permissions.allowedInDomain(caller, image),
        )
        .map((image) => imageNodeView(image, []));
    },
    image_node: (
      _: unknown,
      args: { id: [string, string]; scope_id?: Scope | null; permission?: ImagePermission },
      context: SandboxContext,
    ) => imageNode(context, args.id, scopeOrSystem(args.scope_id), args.permission ?? 'read_attribute'),
    image_nodes: (_: unknown, args: Parameters<typeof imageNodes>[1], context: SandboxContext) =>
      imageNodes(context, args),
  };
}
