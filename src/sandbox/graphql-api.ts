/**
 * The sandbox's legacy GraphQL API: resolvers for the image root fields and mutations of the legacy
 * schema, over the dataset, with the caller's RBAC. Errors read as the manager's do (`<title> (<detail>)`).
 * Any legacy SDL can be served (a release's own, or a whole manager schema given by a test): resolvers
 * attach to the fields that exist, and every other root field answers null.
 */
import { addResolversToSchema } from '@graphql-tools/schema';
import { buildASTSchema, type DocumentNode, type GraphQLSchema, parse, visit } from 'graphql';
import { decodeGlobalId, encodeGlobalId, isUuid } from '../relay/index.ts';
import type { Dataset, SandboxImage, SandboxUser } from './dataset.ts';
import { invalidApiParameters, ManagerError, superadminRequired } from './errors.ts';
import {
  type ConnectionArgs,
  type ConnectionPage,
  compileFilter,
  compileOrder,
  imageSortKey,
  paginate,
  QueryError,
  sortForward,
} from './image-query.ts';
import {
  canonicalOf,
  imageNodeView,
  isCustomized,
  isOwnedBy,
  legacyImageView,
  registryView,
} from './image-views.ts';
import type { ManagerVersion } from './legacy-schema.ts';
import { ImageVisibility, InvalidScope, parseScope } from './rbac.ts';

export interface SandboxContext {
  caller: SandboxUser;
  state: SandboxState;
  version: ManagerVersion;
}

/** The live data one sandbox serves; mutations change it in place. */
export class SandboxState {
  readonly visibility: ImageVisibility;
  /** Matching rows in forward order per query, as a database index would spare re-sorting per page. */
  private readonly orderedMatches = new Map<string, SandboxImage[]>();

  constructor(
    readonly dataset: Dataset,
    readonly maxPageSize: number | null,
  ) {
    this.visibility = new ImageVisibility(dataset);
  }

  /** Mutations call this; cached orders are dropped. */
  changed(): void {
    this.orderedMatches.clear();
  }

  orderedMatchesFor(key: string, compute: () => SandboxImage[]): SandboxImage[] {
    let rows = this.orderedMatches.get(key);
    if (!rows) {
      rows = compute();
      if (this.orderedMatches.size >= 256) this.orderedMatches.clear();
      this.orderedMatches.set(key, rows);
    }
    return rows;
  }

  /** The caller when authentication is off. */
  superadmin(): SandboxUser {
    return this.dataset.users.find((user) => user.role === 'superadmin') as SandboxUser;
  }

  imageById(id: string): SandboxImage | undefined {
    const wanted = id.toLowerCase();
    return this.dataset.images.find((image) => image.id === wanted);
  }
}

function titled(title: string, detail?: string): Error {
  return new Error(detail ? `${title} (${detail})` : title);
}

const forbidden = superadminRequired;
const imageNotFound = () => new ManagerError('imageNotFound');

function requireSuperadmin(context: SandboxContext): void {
  if (context.caller.role !== 'superadmin') throw forbidden();
}

type Statuses = ('ALIVE' | 'DELETED')[] | null | undefined;

function statusFilter(statuses: Statuses): (image: SandboxImage) => boolean {
  // An empty list applies no status filter at all, as in the manager (`if filter_by_statuses:`).
  const wanted = statuses === undefined || statuses === null ? ['ALIVE'] : statuses;
  return wanted.length === 0 ? () => true : (image) => wanted.includes(image.status);
}

/** A `GlobalIDField`: an `ImageNode` global id or a raw UUID. */
function imageIdOf(value: string): string {
  const global = decodeGlobalId(value);
  return (global && isUuid(global.id) ? global.id : value).toLowerCase();
}

const DEFAULT_ARCHITECTURE = 'x86_64';

function findByReference(state: SandboxState, reference: string, architecture: string | null | undefined) {
  const arch = architecture ?? DEFAULT_ARCHITECTURE;
  return state.dataset.images.find(
    (image) =>
      (canonicalOf(image) === reference || image.aliases.includes(reference)) && image.architecture === arch,
  );
}

function scopeOf(value: string) {
  try {
    return parseScope(value);
  } catch (error) {
    if (error instanceof InvalidScope) throw titled('Invalid scope.', error.message);
    throw error;
  }
}

const LOAD_FILTERS = ['general', 'operational', 'customized'];

function imageNodes(
  context: SandboxContext,
  args: ConnectionArgs & {
    scope_id: string;
    filter_by_statuses?: Statuses;
    filter?: string | null;
    order?: string | null;
  },
) {
  const { state, caller } = context;
  const visible = state.visibility.predicate(caller, scopeOf(args.scope_id));
  const byStatus = statusFilter(args.filter_by_statuses);
  const matches = args.filter ? compileFilter(args.filter) : () => true;
  const order = args.order ? compileOrder(args.order) : [];
  const key = JSON.stringify([
    caller.uuid,
    args.scope_id,
    args.filter_by_statuses ?? null,
    args.filter ?? '',
    args.order ?? '',
  ]);
  const sorted = state.orderedMatchesFor(key, () =>
    sortForward(
      state.dataset.images.filter((image) => visible(image) && byStatus(image) && matches(image)),
      order,
      imageSortKey,
    ),
  );
  const page = paginate(sorted, order, args, state.maxPageSize, imageSortKey);
  return connectionOf(page, (image) => imageNodeView(image, state.visibility.permissionsOf(caller, image)));
}

/** A graphene connection: each node's global id is its edge's cursor. */
function connectionOf<T, N extends { id: string } | null>(page: ConnectionPage<T>, view: (row: T) => N) {
  const edges = page.rows.map((row) => {
    const node = view(row);
    return { node, cursor: node?.id };
  });
  return {
    edges,
    count: page.count,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

function queryResolvers() {
  return {
    node: (_: unknown, { id }: { id: string }, context: SandboxContext) => {
      const global = decodeGlobalId(id);
      if (global?.typeName === 'ImageNode') return imageNode(context, global.id, 'system');
      if (global?.typeName === 'ContainerRegistryNode' && context.caller.role === 'superadmin') {
        return registryView(context.state.dataset, global.id);
      }
      return null;
    },
    image: (
      _: unknown,
      args: { id?: string; reference?: string; architecture?: string | null },
      context: SandboxContext,
    ) => {
      const { state, caller } = context;
      let image: SandboxImage | undefined;
      if (args.id) {
        if (!isUuid(args.id)) throw titled(`badly formed hexadecimal UUID string`);
        image = state.imageById(args.id);
      } else {
        if (!args.reference)
          throw invalidApiParameters("reference/architecture and id can't be omitted at the same time!");
        image = findByReference(state, args.reference, args.architecture);
      }
      if (!image || !state.visibility.allowedInDomain(caller, image)) throw imageNotFound();
      return legacyImageView(image);
    },
    images: (
      _: unknown,
      args: {
        is_installed?: boolean | null;
        filter_by_statuses?: Statuses;
        load_filters?: string[] | null;
        image_filters?: string[] | null;
      },
      context: SandboxContext,
    ) => {
      const { state, caller } = context;
      const requested = args.load_filters ?? args.image_filters;
      const unknown = requested?.find((name) => !LOAD_FILTERS.includes(name));
      if (unknown !== undefined) {
        throw invalidApiParameters(
          `'${unknown}' is not a valid PublicImageLoadFilter. All elements of \`load_filters\` should be one of (general, operational, customized)`,
        );
      }
      const types = new Set(requested ?? ['general', 'customized']);
      const byStatus = statusFilter(args.filter_by_statuses);
      return state.dataset.images
        .filter((image) => {
          if (!byStatus(image) || !state.visibility.allowedInDomain(caller, image)) return false;
          if (isCustomized(image)) {
            // A superadmin asking for customized images gets everyone's; others only their own.
            return (
              types.has('customized') &&
              (caller.role === 'superadmin' && requested ? true : isOwnedBy(image, caller.uuid))
            );
          }
          return types.has('general');
        })
        .filter(
          (image) => args.is_installed == null || image.installedAgents.length > 0 === args.is_installed,
        )
        .map(legacyImageView);
    },
    customized_images: (_: unknown, _args: unknown, context: SandboxContext) => {
      const { state, caller } = context;
      return state.dataset.images
        .filter((image) => image.status === 'ALIVE' && isOwnedBy(image, caller.uuid))
        .map((image) => imageNodeView(image, state.visibility.permissionsOf(caller, image)));
    },
    image_node: (_: unknown, args: { id: string; scope_id?: string | null }, context: SandboxContext) =>
      imageNode(context, imageIdOf(args.id), args.scope_id ?? 'system'),
    image_nodes: (_: unknown, args: Parameters<typeof imageNodes>[1], context: SandboxContext) =>
      imageNodes(context, args),
    // `user` without arguments is the caller; an admin may name another user by email (scoped_query).
    user: (
      _: unknown,
      args: { email?: string | null; domain_name?: string | null },
      context: SandboxContext,
    ) => {
      const { caller, state } = context;
      const email = args.email ?? caller.email;
      if (email !== caller.email && caller.role === 'user') throw forbidden();
      const user = state.dataset.users.find((candidate) => candidate.email === email);
      return user ? userView(user) : null;
    },
    container_registry_node: (_: unknown, { id }: { id: string }, context: SandboxContext) => {
      requireSuperadmin(context);
      return registryView(context.state.dataset, imageIdOf(id));
    },
    container_registry_nodes: (
      _: unknown,
      args: ConnectionArgs & { filter?: string; order?: string },
      context: SandboxContext,
    ) => {
      requireSuperadmin(context);
      const { dataset, maxPageSize } = context.state;
      const rows = sortForward(
        dataset.registries.map((registry) => ({ id: registry.id })),
        [],
        (row) => row.id,
      );
      const page = paginate(rows, [], args, maxPageSize, (row) => row.id);
      return connectionOf(page, (row) => registryView(dataset, row.id));
    },
  };
}

function userView(user: SandboxUser) {
  return {
    id: encodeGlobalId('User', user.uuid),
    uuid: user.uuid,
    username: user.email.split('@')[0],
    email: user.email,
    full_name: null,
    is_active: true,
    status: 'active',
    domain_name: user.domain,
    role: user.role,
    main_access_key: user.accessKey,
  };
}

function imageNode(context: SandboxContext, id: string, scope: string) {
  const { state, caller } = context;
  const image = state.imageById(id);
  if (!image || !state.visibility.predicate(caller, scopeOf(scope))(image)) return null;
  return imageNodeView(image, state.visibility.permissionsOf(caller, image));
}

interface ModifyImageProps {
  labels?: { key: string; value: string }[] | null;
  resource_limits?: { key: string; min?: string | null; max?: string | null }[] | null;
  supported_accelerators?: string[] | null;
  digest?: string | null;
  size_bytes?: number | null;
  is_local?: boolean | null;
  type?: string | null;
}

/** Mutation resolvers that tell the state its data changed. */
function changing(
  resolvers: Record<string, (root: unknown, args: never, context: SandboxContext) => unknown>,
) {
  return Object.fromEntries(
    Object.entries(resolvers).map(([name, resolve]) => [
      name,
      (root: unknown, args: never, context: SandboxContext) => {
        const result = resolve(root, args, context);
        context.state.changed();
        return result;
      },
    ]),
  );
}

function mutationResolvers() {
  const unsupported = (name: string) => () => {
    throw titled('Not supported by the sandbox manager.', name);
  };
  const aliveByReference = (state: SandboxState, reference: string, architecture?: string | null) => {
    const image = findByReference(state, reference, architecture);
    return image && image.status === 'ALIVE' ? image : undefined;
  };
  return {
    modify_image: (
      _: unknown,
      args: { target: string; architecture?: string | null; props: ModifyImageProps },
      context: SandboxContext,
    ) => {
      requireSuperadmin(context);
      const image = aliveByReference(context.state, args.target, args.architecture);
      if (!image) return { ok: false, msg: 'Image not found' };
      const { props } = args;
      if (props.labels) image.labels = Object.fromEntries(props.labels.map(({ key, value }) => [key, value]));
      if (props.resource_limits) {
        image.resources = Object.fromEntries(
          props.resource_limits.map(({ key, min, max }) => [key, { min: min ?? null, max: max ?? null }]),
        );
      }
      if (props.supported_accelerators) image.accelerators = props.supported_accelerators.join(',') || null;
      if (props.digest != null) image.configDigest = props.digest.padEnd(72, ' ');
      if (props.size_bytes != null) image.sizeBytes = props.size_bytes;
      if (props.is_local != null) image.isLocal = props.is_local;
      return { ok: true, msg: '' };
    },
    clear_image_custom_resource_limit: (
      _: unknown,
      { key }: { key: { image_canonical: string; architecture?: string | null } },
      context: SandboxContext,
    ) => {
      requireSuperadmin(context);
      const image = aliveByReference(context.state, key.image_canonical, key.architecture);
      if (!image) throw imageNotFound();
      image.resources = {};
      return {
        image_node: imageNodeView(image, context.state.visibility.permissionsOf(context.caller, image)),
      };
    },
    alias_image: (
      _: unknown,
      args: { alias: string; target: string; architecture?: string | null },
      context: SandboxContext,
    ) => {
      requireSuperadmin(context);
      const image = aliveByReference(context.state, args.target, args.architecture);
      if (!image) return { ok: false, msg: 'Image not found' };
      if (context.state.dataset.images.some((other) => other.aliases.includes(args.alias))) {
        return { ok: false, msg: `alias ${args.alias} already exists` };
      }
      image.aliases.push(args.alias);
      return { ok: true, msg: '' };
    },
    dealias_image: (_: unknown, { alias }: { alias: string }, context: SandboxContext) => {
      requireSuperadmin(context);
      const image = context.state.dataset.images.find((candidate) => candidate.aliases.includes(alias));
      if (!image) return { ok: false, msg: `alias ${alias} does not exist` };
      image.aliases = image.aliases.filter((existing) => existing !== alias);
      return { ok: true, msg: '' };
    },
    forget_image_by_id: (_: unknown, { image_id }: { image_id: string }, context: SandboxContext) => {
      const { state, caller } = context;
      const image = state.imageById(imageIdOf(image_id));
      if (!image) throw imageNotFound();
      if (caller.role !== 'superadmin' && !isOwnedBy(image, caller.uuid)) throw forbidden();
      image.status = 'DELETED';
      return {
        ok: true,
        msg: '',
        image: imageNodeView(image, state.visibility.permissionsOf(caller, image)),
      };
    },
    purge_image_by_id: (_: unknown, { image_id }: { image_id: string }, context: SandboxContext) => {
      const { state, caller } = context;
      const image = state.imageById(imageIdOf(image_id));
      if (!image) throw imageNotFound();
      if (caller.role !== 'superadmin' && !isOwnedBy(image, caller.uuid)) throw forbidden();
      state.dataset.images.splice(state.dataset.images.indexOf(image), 1);
      return { image: imageNodeView(image, state.visibility.permissionsOf(caller, image)) };
    },
    rescan_images: unsupported('rescan_images'),
    preload_image: unsupported('preload_image'),
    unload_image: unsupported('unload_image'),
    forget_image: unsupported('forget_image'),
    untag_image_from_registry: unsupported('untag_image_from_registry'),
    clear_images: unsupported('clear_images'),
    purge_images: unsupported('purge_images'),
  };
}

/** Manager schemas carry federation directives (`@key`, `@link`, ...) whose definitions they leave out. */
function withoutFederation(document: DocumentNode): DocumentNode {
  const declared = new Set(
    document.definitions.flatMap((definition) =>
      definition.kind === 'DirectiveDefinition' ? [definition.name.value] : [],
    ),
  );
  const builtIn = new Set(['deprecated', 'specifiedBy', 'include', 'skip', 'oneOf']);
  return visit(document, {
    Directive(node) {
      return declared.has(node.name.value) || builtIn.has(node.name.value) ? undefined : null;
    },
    SchemaExtension(node) {
      return node.operationTypes?.length ? { ...node, directives: [] } : null;
    },
  });
}

/** An executable schema for the SDL, with the sandbox's resolvers on the fields it has. */
export function buildSandboxSchema(sdl: string): GraphQLSchema {
  const schema = buildASTSchema(withoutFederation(parse(sdl)), { assumeValidSDL: true });
  const queryType = schema.getQueryType();
  const mutationType = schema.getMutationType();
  const pick = (type: typeof queryType, resolvers: Record<string, unknown>) => {
    if (!type) return {};
    const fields = type.getFields();
    return { [type.name]: Object.fromEntries(Object.entries(resolvers).filter(([name]) => name in fields)) };
  };
  const nodeTypes = ['Node', 'AsyncNode', 'Item'].filter((name) => schema.getType(name));
  return addResolversToSchema({
    schema,
    resolvers: {
      ...pick(queryType, queryResolvers()),
      ...pick(mutationType, changing(mutationResolvers())),
      ...Object.fromEntries(
        nodeTypes.map((name) => [
          name,
          { __resolveType: (value: { __typename: string }) => value.__typename },
        ]),
      ),
    },
  });
}

export { QueryError };
