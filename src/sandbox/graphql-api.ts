/**
 * The sandbox's legacy GraphQL API: the state one sandbox serves, the manager's custom scalars, and the
 * resolvers of the image root fields (mutations are in mutations.ts), with the caller's RBAC. Errors read
 * as the manager's (`<title> (<detail>)` for its own errors, the bare text for Python ones). Any legacy
 * SDL can be served (a release's own, or a whole manager schema given by a test): resolvers and scalars
 * attach to what exists, and every other root field answers null.
 */
import { addResolversToSchema } from '@graphql-tools/schema';
import {
  buildASTSchema,
  type DocumentNode,
  GraphQLScalarType,
  type GraphQLSchema,
  Kind,
  parse,
  type ValueNode,
  visit,
} from 'graphql';
import type { Dataset, SandboxImage, SandboxProject, SandboxRegistry, SandboxUser } from './dataset.ts';
import { invalidApiParameters, ManagerError, QueryError, superadminRequired } from './errors.ts';
import { DEFAULT_ARCHITECTURE, ImageIndex, uuidArgument } from './image-lookup.ts';
import { GROUP_FIELDS, imageFilterFields, imageOrderFields, REGISTRY_FIELDS } from './image-query.ts';
import {
  canonicalOf,
  imageNodeView,
  isCustomized,
  isOwnedBy,
  legacyImageView,
  registryView,
} from './image-views.ts';
import { mutationResolvers } from './mutations.ts';
import {
  type ConnectionArgs,
  type ConnectionPage,
  checkPageSize,
  forwardComparator,
  type PagingRules,
  pageRequest,
  paginate,
} from './pagination.ts';
import { globalIdFieldValue, PythonError, pythonUuid, resolveGlobalId, toGlobalId } from './python-compat.ts';
import type { FieldSpec } from './query-language/field-spec.ts';
import { compileFilter } from './query-language/filter.ts';
import { compileOrder, type OrderItem, sortKeyOf } from './query-language/order.ts';
import {
  formatScope,
  IMAGE_PERMISSIONS,
  type ImagePermission,
  ImagePermissions,
  type PermissionMap,
  parseScope,
  permissionList,
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

/** A Python exception's text as a GraphQL error (graphene shows `str(exc)`). */
const pythonValueError = (error: unknown): never => {
  if (error instanceof PythonError) throw new QueryError(error.message);
  throw error;
};

/** The manager's custom scalars: parsing that fails as theirs does, and serialization. */
function scalars() {
  const stringLiteral = (parse: (value: string) => unknown) => (node: ValueNode) =>
    node.kind === Kind.STRING ? parse(node.value) : undefined;
  const scopeParse = (value: unknown) => parseScope(String(value));
  const permissionParse = (value: unknown) => {
    if (!(IMAGE_PERMISSIONS as readonly unknown[]).includes(value))
      throw new Error(`'${String(value)}' is not a valid ImagePermission`);
    return value;
  };
  const registryTypes = [
    'docker',
    'harbor',
    'harbor2',
    'github',
    'gitlab',
    'ecr',
    'ecr-public',
    'local',
    'ocp',
  ];
  const registryTypeParse = (value: unknown) => {
    if (!registryTypes.includes(String(value)))
      throw new Error(`'${String(value)}' is not a valid ContainerRegistryType`);
    return value;
  };
  const bigIntParse = (value: unknown) => {
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    throw new Error(`BigInt cannot represent non-integer value: ${String(value)}`);
  };
  return {
    ScopeField: new GraphQLScalarType({
      name: 'ScopeField',
      serialize: (value) => formatScope(value as Scope),
      parseValue: scopeParse,
      parseLiteral: stringLiteral(scopeParse),
    }),
    ImagePermissionValueField: new GraphQLScalarType({
      name: 'ImagePermissionValueField',
      serialize: (value) => value,
      parseValue: permissionParse,
      parseLiteral: stringLiteral(permissionParse),
    }),
    GlobalIDField: new GraphQLScalarType({
      name: 'GlobalIDField',
      serialize: (value) => value,
      parseValue: (value) => globalIdFieldValue(String(value)),
      parseLiteral: stringLiteral(globalIdFieldValue),
    }),
    ContainerRegistryTypeField: new GraphQLScalarType({
      name: 'ContainerRegistryTypeField',
      serialize: (value) => value,
      parseValue: registryTypeParse,
      parseLiteral: stringLiteral(registryTypeParse),
    }),
    BigInt: new GraphQLScalarType({
      name: 'BigInt',
      serialize: (value) => value,
      parseValue: bigIntParse,
      parseLiteral: (node) => (node.kind === Kind.INT ? Number(node.value) : undefined),
    }),
    JSONString: new GraphQLScalarType({
      name: 'JSONString',
      serialize: (value) => JSON.stringify(value),
      parseValue: (value) => JSON.parse(String(value)),
      parseLiteral: stringLiteral((value) => JSON.parse(value)),
    }),
  };
}

type Statuses = ('ALIVE' | 'DELETED')[] | null | undefined;

/** `filter_by_statuses`: ALIVE by default; an empty list filters nothing (`if filter_by_statuses:`). */
function statusFilter(statuses: Statuses, version: ManagerVersion): (image: SandboxImage) => boolean {
  if (statuses === null && RELEASES[version].nullStatusesMeanAll) return () => true;
  const wanted = statuses ?? ['ALIVE'];
  return wanted.length === 0 ? () => true : (image) => wanted.includes(image.status);
}

/** A graphene connection: each node's global id is its edge's cursor. */
export function connectionOf<T, N extends { id: string } | null>(
  page: ConnectionPage<T>,
  view: (row: T) => N,
) {
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

interface ConnectionQuery<T> {
  args: ConnectionArgs & { filter?: string | null; order?: string | null };
  filterFields: FieldSpec<T>;
  orderFields: FieldSpec<T>;
  rules: PagingRules;
  /** Runs once the arguments are known to be good (scope checks fail here, after argument errors). */
  checkScope?: () => void;
  /** Rows in scope, before the filter. */
  rowsInScope: () => T[];
  rowById: (id: string) => T | undefined;
  /** Caches the filtered, sorted rows under this key when given. */
  cache?: { key: string; state: SandboxState };
}

/** `generate_sql_info_for_gql_connection` and the query it builds, with the manager's order of errors. */
function connectionPage<T extends { id: string }>(query: ConnectionQuery<T>): ConnectionPage<T> {
  const { args } = query;
  const request = pageRequest(args);
  const order: OrderItem[] = args.order != null ? compileOrder(args.order, query.orderFields) : [];
  const filter = args.filter != null ? compileFilter(args.filter, query.filterFields) : null;
  checkPageSize(request, query.rules.maxPageSize);
  query.checkScope?.();
  if (filter?.executionError) throw new QueryError(filter.executionError);
  const keyOf = sortKeyOf(query.orderFields);
  // Filtering and sorting every row is what a database index spares; cached until the data changes.
  const sortRows = () =>
    query
      .rowsInScope()
      .filter((row) => !filter || filter.test(row))
      .sort(forwardComparator(order, keyOf));
  const sorted = query.cache ? query.cache.state.orderedMatchesFor(query.cache.key, sortRows) : sortRows();
  return paginate(sorted, order, request, keyOf, query.rowById, query.rules);
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

/** `Image.matches_filter`: which images a set of load filters lets through, label by label. */
function matchesLoadFilters(image: SandboxImage, filters: Set<string>, caller: SandboxUser): boolean {
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

function loadFiltersOf(
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

function userView(user: SandboxUser, dataset: Dataset) {
  return {
    id: toGlobalId('User', user.uuid),
    uuid: user.uuid,
    username: user.email.split('@')[0],
    email: user.email,
    need_password_change: false,
    full_name: null,
    description: '',
    is_active: true,
    status: 'active',
    status_info: null,
    created_at: '2024-01-08T09:00:00+00:00',
    modified_at: '2024-01-08T09:00:00+00:00',
    domain_name: user.domain,
    role: user.role,
    resource_policy: 'default',
    allowed_client_ip: null,
    totp_activated: false,
    totp_activated_at: null,
    sudo_session_enabled: false,
    main_access_key: user.accessKey,
    container_uid: null,
    container_main_gid: null,
    container_gids: null,
    groups: dataset.projects
      .filter((project) => user.projectIds.includes(project.id))
      .map((project) => ({ id: project.id, name: project.name })),
  };
}

function groupView(project: SandboxProject) {
  return {
    __typename: 'GroupNode',
    id: toGlobalId('GroupNode', project.id),
    row_id: project.id,
    name: project.name,
    description: '',
    is_active: true,
    created_at: '2024-01-08T09:00:00+00:00',
    modified_at: '2024-01-08T09:00:00+00:00',
    domain_name: project.domain,
    total_resource_slots: {},
    allowed_vfolder_hosts: {},
    integration_id: null,
    resource_policy: 'default',
    type: 'GENERAL',
    container_registry: {},
    scaling_groups: ['default'],
    registry_quota: null,
  };
}

function registryNode(context: SandboxContext, globalId: string) {
  const [, rawId] = resolveGlobalId(globalId);
  let id: string;
  try {
    id = pythonUuid(rawId);
  } catch (error) {
    if (error instanceof PythonError) throw new QueryError(`(builtins.ValueError) ${error.message}`);
    throw error;
  }
  const view = registryView(context.state.dataset, id);
  if (!view) throw new QueryError(`Container registry not found (id: ${rawId})`);
  return view;
}

/** `AsyncNode.get_node_from_global_id` over the types the schema has. */
function nodeOf(context: SandboxContext, globalId: string, schema: GraphQLSchema) {
  const [typeName, rawId] = resolveGlobalId(globalId);
  const type = schema.getType(typeName);
  if (!type) throw new QueryError(`Relay Node "${typeName}" not found in schema`);
  const implementsNode = 'getInterfaces' in type && type.getInterfaces().some((i) => i.name === 'Node');
  if (!implementsNode)
    throw new QueryError(`ObjectType "${typeName}" does not implement the "Node" interface.`);
  switch (typeName) {
    // `ImageNode.get_node` takes a scope the node resolver does not pass.
    case 'ImageNode':
      throw new QueryError("ImageNode.get_node() missing 1 required positional argument: 'scope_id'");
    case 'ContainerRegistryNode':
      return registryNode(context, globalId);
    case 'GroupNode': {
      const project = context.state.dataset.projects.find(
        (candidate) => candidate.id === rawId.toLowerCase(),
      );
      return project ? groupView(project) : null;
    }
    default:
      return null;
  }
}

function queryResolvers(getSchema: () => GraphQLSchema) {
  return {
    node: (_: unknown, { id }: { id: string }, context: SandboxContext) => nodeOf(context, id, getSchema()),
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
    // `user` without arguments is the caller; a superadmin may name another user by email.
    user: (_: unknown, args: { email?: string | null }, context: SandboxContext) => {
      const { caller, state } = context;
      const email = args.email ?? caller.email;
      if (email !== caller.email && caller.role !== 'superadmin') throw superadminRequired();
      const user = state.dataset.users.find((candidate) => candidate.email === email);
      return user ? userView(user, state.dataset) : null;
    },
    container_registry_node: (_: unknown, { id }: { id: string }, context: SandboxContext) => {
      if (context.caller.role !== 'superadmin') throw superadminRequired();
      return registryNode(context, id);
    },
    container_registry_nodes: (
      _: unknown,
      args: ConnectionArgs & { filter?: string | null; order?: string | null },
      context: SandboxContext,
    ) => {
      if (context.caller.role !== 'superadmin') throw superadminRequired();
      const { dataset } = context.state;
      const page = connectionPage<SandboxRegistry>({
        args,
        filterFields: REGISTRY_FIELDS,
        orderFields: REGISTRY_FIELDS,
        rules: context.state.pagingRules,
        rowsInScope: () => dataset.registries,
        rowById: (id) => dataset.registries.find((registry) => registry.id === id),
      });
      return connectionOf(page, (registry) => registryView(dataset, registry.id));
    },
  };
}

/** `ContainerRegistryNode.allowed_groups`: every project for a global registry, else the associated ones. */
function allowedGroups(
  registry: { row_id: string; is_global: boolean },
  args: ConnectionArgs & { filter?: string | null; order?: string | null },
  context: SandboxContext,
) {
  const { dataset } = context.state;
  const row = dataset.registries.find((candidate) => candidate.id === registry.row_id);
  const projects = dataset.projects.filter(
    (project) => registry.is_global || row?.projectIds.includes(project.id),
  );
  const page = connectionPage<SandboxProject>({
    args,
    filterFields: GROUP_FIELDS,
    orderFields: GROUP_FIELDS,
    rules: context.state.pagingRules,
    rowsInScope: () => projects,
    rowById: (id) => dataset.projects.find((project) => project.id === id),
  });
  return connectionOf(page, groupView);
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

/** An executable schema for the SDL, with the sandbox's resolvers and scalars on what it has. */
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
  const ownScalars = Object.entries(scalars()).filter(([name]) => schema.getType(name));
  let executable: GraphQLSchema | undefined;
  const registry = schema.getType('ContainerRegistryNode');
  const hasAllowedGroups = registry && 'getFields' in registry && 'allowed_groups' in registry.getFields();
  executable = addResolversToSchema({
    schema,
    resolvers: {
      ...Object.fromEntries(ownScalars),
      ...pick(
        queryType,
        queryResolvers(() => executable as GraphQLSchema),
      ),
      ...pick(mutationType, mutationResolvers()),
      ...(hasAllowedGroups ? { ContainerRegistryNode: { allowed_groups: allowedGroups } } : {}),
      ...Object.fromEntries(
        nodeTypes.map((name) => [
          name,
          { __resolveType: (value: { __typename: string }) => value.__typename },
        ]),
      ),
    },
  });
  return executable;
}

export { canonicalOf, isOwnedBy, QueryError, uuidArgument };
