/**
 * The image mutations, as the 26.1 manager runs them, changing what later queries of the same sandbox see:
 * `modify_image`, `clear_image_custom_resource_limit`, `alias_image`, `dealias_image`, `forget_image`,
 * `forget_image_by_id`, `purge_image_by_id`. `preload_image`/`unload_image` answer the manager's own
 * "Not implemented."; the rest (rescans, registry untagging, agent purges) a "not supported by the sandbox"
 * error.
 *
 * Who may call what is `GQLMutationPrivilegeCheckMiddleware`'s: a caller whose role a mutation does not
 * allow gets `{ok: false, msg: "no permission to execute <field>"}` from mutations with `ok`/`msg`, and a
 * `Permission Denied.` error from the others. A regular user may forget or purge only images they own.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { ResourceSpec, SandboxImage } from '../data/types.ts';
import { ManagerError, QueryError } from '../errors.ts';
import { DEFAULT_ARCHITECTURE } from '../image-lookup.ts';
import { pythonUuid, resolveGlobalId } from '../python-compat.ts';
import type { SandboxContext } from '../state.ts';
import { imageNodeView, isOwnedBy } from '../views/images.ts';

type Role = 'superadmin' | 'admin' | 'user';
type MutationResolver = (
  root: unknown,
  args: never,
  context: SandboxContext,
  info: GraphQLResolveInfo,
) => unknown;

const SUPERADMIN: Role[] = ['superadmin'];
const ADMINS: Role[] = ['superadmin', 'admin'];
const EVERYONE: Role[] = ['superadmin', 'admin', 'user'];

/** Who may run each mutation, and whether its payload has `ok`/`msg` (a "legacy" mutation). */
const PRIVILEGES: Record<string, { roles: Role[]; legacy: boolean }> = {
  rescan_images: { roles: ADMINS, legacy: true },
  preload_image: { roles: SUPERADMIN, legacy: true },
  unload_image: { roles: SUPERADMIN, legacy: true },
  modify_image: { roles: SUPERADMIN, legacy: true },
  clear_image_custom_resource_limit: { roles: SUPERADMIN, legacy: false },
  forget_image_by_id: { roles: EVERYONE, legacy: true },
  forget_image: { roles: EVERYONE, legacy: true },
  purge_image_by_id: { roles: EVERYONE, legacy: false },
  untag_image_from_registry: { roles: EVERYONE, legacy: true },
  alias_image: { roles: SUPERADMIN, legacy: true },
  dealias_image: { roles: SUPERADMIN, legacy: true },
  clear_images: { roles: SUPERADMIN, legacy: true },
  purge_images: { roles: ADMINS, legacy: false },
};

/** `extract_object_uuid`: a global id or a raw UUID, else `ObjectNotFound("image")`. */
function imageIdOf(value: string): string {
  const [, rawId] = resolveGlobalId(value);
  try {
    return pythonUuid(rawId || value);
  } catch {
    throw new ManagerError('objectNotFound', 'image');
  }
}

/** `_validate_image_ownership`, run for everyone but a superadmin. */
function checkOwnership(context: SandboxContext, id: string): void {
  if (context.caller.role === 'superadmin') return;
  const image = context.state.images.getWithStatus(id);
  if (!image) throw new ManagerError('imageNotFound');
  if (!isOwnedBy(image, context.caller.uuid)) throw new ManagerError('imageAccessForbidden');
}

const nodeOf = (image: SandboxImage) => imageNodeView(image, []);

interface ModifyImageProps {
  name?: string | null;
  registry?: string | null;
  image?: string | null;
  tag?: string | null;
  architecture?: string | null;
  is_local?: boolean | null;
  size_bytes?: number | null;
  type?: string | null;
  digest?: string | null;
  labels?: { key: string; value: string }[] | null;
  supported_accelerators?: string[] | null;
  resource_limits?: { key: string; min?: string | null; max?: string | null }[] | null;
}

/** `ModifyImageInput.to_updater_spec` applied to the row; undefined props leave columns as they are. */
function applyModification(image: SandboxImage, props: ModifyImageProps): void {
  let resources: Record<string, ResourceSpec> | undefined;
  if (props.resource_limits != null) {
    resources = {};
    for (const limit of props.resource_limits) {
      const spec: ResourceSpec = {};
      if (limit.min) spec.min = limit.min;
      if (limit.max) spec.max = limit.max;
      // The column's schema requires a minimum; the write fails as a ValueError.
      if (spec.min === undefined) throw new ManagerError('modifyImageValueError');
      resources[limit.key] = { min: spec.min, max: spec.max ?? null };
    }
  }
  if (props.type != null && !['COMPUTE', 'SYSTEM', 'SERVICE'].includes(props.type)) {
    throw new QueryError(
      `(builtins.LookupError) '${props.type}' is not among the defined enum values. Enum name: imagetype. Possible values: COMPUTE, SYSTEM, SERVICE`,
    );
  }
  if (props.name != null) image.name = props.name;
  if (props.registry != null) image.registry = props.registry;
  if (props.image != null) image.image = props.image;
  if (props.tag != null) image.tag = props.tag;
  if (props.architecture != null) image.architecture = props.architecture;
  if (props.is_local != null) image.isLocal = props.is_local;
  if (props.size_bytes != null) image.sizeBytes = props.size_bytes;
  if (props.type != null) image.type = props.type as SandboxImage['type'];
  // CHAR(72): the database pads what it stores.
  if (props.digest != null) image.configDigest = props.digest.padEnd(72, ' ');
  if (props.labels?.length)
    image.labels = Object.fromEntries(props.labels.map(({ key, value }) => [key, value]));
  if (props.supported_accelerators?.length) image.accelerators = props.supported_accelerators.join(',');
  if (resources) image.resources = resources;
}

const notSupported = (name: string) => () => {
  throw new QueryError(`The sandbox manager does not support ${name}.`);
};

function resolvers(): Record<string, MutationResolver> {
  return {
    modify_image: (
      _: unknown,
      args: { target: string; architecture?: string | null; props: ModifyImageProps },
      { state }: SandboxContext,
    ) => {
      const architecture = args.architecture ?? DEFAULT_ARCHITECTURE;
      const image = state.images.resolve([{ identifier: args.target, architecture }, { alias: args.target }]);
      applyModification(image, args.props);
      return { ok: true, msg: '' };
    },
    clear_image_custom_resource_limit: (
      _: unknown,
      { key }: { key: { image_canonical: string; architecture?: string | null } },
      { state }: SandboxContext,
    ) => {
      const architecture = key.architecture ?? DEFAULT_ARCHITECTURE;
      const image = state.images.resolve([{ identifier: key.image_canonical, architecture }]);
      image.resources = {};
      return { image_node: nodeOf(image) };
    },
    alias_image: (
      _: unknown,
      args: { alias: string; target: string; architecture?: string | null },
      { state }: SandboxContext,
    ) => {
      const architecture = args.architecture ?? DEFAULT_ARCHITECTURE;
      const image = state.images.resolve([{ identifier: args.target, architecture }]);
      if (state.dataset.images.some((other) => other.aliases.includes(args.alias))) {
        throw new ManagerError(
          'aliasImageDbError',
          `(sqlalchemy.dialects.postgresql.asyncpg.IntegrityError) <class 'asyncpg.exceptions.UniqueViolationError'>: duplicate key value violates unique constraint "ix_image_aliases_alias"\nDETAIL:  Key (alias)=(${args.alias}) already exists.`,
        );
      }
      image.aliases.push(args.alias);
      return { ok: true, msg: '' };
    },
    dealias_image: (_: unknown, { alias }: { alias: string }, { state }: SandboxContext) => {
      const image = state.dataset.images.find((candidate) => candidate.aliases.includes(alias));
      if (!image) throw new ManagerError('imageAliasNotFound', `Image alias '${alias}' not found.`);
      image.aliases = image.aliases.filter((existing) => existing !== alias);
      return { ok: true, msg: '' };
    },
    forget_image_by_id: (_: unknown, { image_id }: { image_id: string }, context: SandboxContext) => {
      const id = imageIdOf(image_id);
      checkOwnership(context, id);
      const image = context.state.images.getWithStatus(id);
      if (!image) throw new ManagerError('imageNotFound');
      image.status = 'DELETED';
      return { ok: true, msg: '', image: nodeOf(image) };
    },
    forget_image: (
      _: unknown,
      args: { reference: string; architecture?: string | null },
      context: SandboxContext,
    ) => {
      const architecture = args.architecture ?? DEFAULT_ARCHITECTURE;
      const candidates = [{ identifier: args.reference, architecture }, { alias: args.reference }];
      const image = context.state.images.resolve(candidates);
      checkOwnership(context, image.id);
      image.status = 'DELETED';
      return { ok: true, msg: '', image: nodeOf(image) };
    },
    purge_image_by_id: (
      _: unknown,
      args: { image_id: string; options?: { remove_from_registry?: boolean | null } | null },
      context: SandboxContext,
    ) => {
      const id = imageIdOf(args.image_id);
      checkOwnership(context, id);
      const image = context.state.images.getWithStatus(id);
      if (!image) throw new ManagerError('imageNotFound');
      context.state.images.remove(image);
      // The manager untags after the purge has committed, and the untag no longer finds the row.
      if (args.options?.remove_from_registry) throw new ManagerError('imageNotFound');
      return { image: nodeOf(image) };
    },
    preload_image: () => ({ ok: false, msg: 'Not implemented.', task_id: null }),
    unload_image: () => ({ ok: false, msg: 'Not implemented.', task_id: null }),
    rescan_images: notSupported('rescan_images'),
    untag_image_from_registry: notSupported('untag_image_from_registry'),
    clear_images: notSupported('clear_images'),
    purge_images: notSupported('purge_images'),
  };
}

/** The resolvers behind the privilege check, each telling the state its data may have changed. */
export function mutationResolvers(): Record<string, MutationResolver> {
  return Object.fromEntries(
    Object.entries(resolvers()).map(([name, resolve]) => [
      name,
      (root: unknown, args: never, context: SandboxContext, info: GraphQLResolveInfo) => {
        const privilege = PRIVILEGES[name];
        if (privilege && !privilege.roles.includes(context.caller.role)) {
          if (privilege.legacy) return { ok: false, msg: `no permission to execute ${info.path.key}` };
          throw new ManagerError('permissionDenied');
        }
        try {
          return resolve(root, args, context, info);
        } finally {
          context.state.changed();
        }
      },
    ]),
  );
}
