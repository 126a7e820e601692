/**
 * The native image API's resolvers over the sandbox's live dataset (the rows the legacy API serves and
 * mutates). Who may call what, as in the manager: `adminImagesV2` and `adminImageAliases` check for a
 * superadmin first (`check_admin_only`); `containerRegistryImagesV2`, `imageV2`, `imageAlias` and
 * `imageScopedAliases` answer any signed-in user with no visibility check. Lists are every row of the
 * table (every registry, every user's customized images, ALIVE and DELETED): no default status filter.
 */
import type { SandboxImage, SandboxUser } from '../data/types.ts';
import { pythonUuid, toGlobalId } from '../python-compat.ts';
import type { SandboxState } from '../state.ts';
import { adminOnly, asNativeError, toGraphQLError } from './errors.ts';
import {
  type AliasFilterInput,
  aliasConditions,
  allOf,
  type Condition,
  type ImageFilterInput,
  imageConditions,
} from './filters.ts';
import { compareBy, encodeCursor, orderOf, type Page, type PageArgs, planPage, readPage } from './paging.ts';
import type { NativeTraits } from './releases.ts';
import {
  aliasCursorCondition,
  aliasOrderBy,
  aliasOrders,
  imageCursorCondition,
  imageOrderBy,
  imageOrders,
  type OrderByInput,
} from './specs.ts';
import { type AliasRow, aliasRows, type NativeImage, toNativeImage } from './values.ts';

export interface NativeContext {
  caller: SandboxUser;
  state: SandboxState;
  traits: NativeTraits;
}

interface ListArgs<Filter> extends PageArgs {
  filter?: Filter | null;
  orderBy?: OrderByInput[] | null;
}

/** A resolver whose errors reach the client as the release reports them. */
function reported<Args, Result>(
  resolve: (parent: unknown, args: Args, context: NativeContext) => Result,
): (parent: unknown, args: Args, context: NativeContext) => Promise<Result> {
  return async (parent, args, context) => {
    try {
      return await resolve(parent, args, context);
    } catch (error) {
      const native = asNativeError(error);
      if (native) throw toGraphQLError(native, context.traits.errorCodes);
      throw error;
    }
  };
}

function connection<Row, Node>(
  page: Page<Row>,
  count: number,
  idOf: (row: Row) => string,
  node: (row: Row) => Node,
) {
  const edges = page.rows.map((row) => ({ cursor: encodeCursor(idOf(row)), node: node(row) }));
  return {
    count,
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

const planOf = (args: ListArgs<unknown>, traits: NativeTraits) =>
  planPage(args, {
    modeArguments: traits.modeArguments,
    orderByWithCursorRefused: traits.orderByWithCursorRefused,
    orderByGiven: args.orderBy !== null && args.orderBy !== undefined,
  });

/** `fetch_images` / `admin_search_images_gql`: one page of the images matching a scope and a filter. */
function imageConnection(
  args: ListArgs<ImageFilterInput>,
  scope: { key: string; condition: Condition<SandboxImage> | null },
  { state, traits }: NativeContext,
) {
  const conditions = [
    ...(scope.condition ? [scope.condition] : []),
    ...(args.filter ? imageConditions(args.filter, traits) : []),
  ];
  const plan = planOf(args, traits);
  const order = orderOf(plan, imageOrderBy(args.orderBy ?? null), imageOrders(traits));
  const afterCursor = imageCursorCondition(plan, traits, (id) => state.images.get(id));
  const key = JSON.stringify(['native-v2', traits.release, scope.key, args.filter, args.orderBy, plan.mode]);
  const ordered = state.orderedMatchesFor(key, () =>
    state.dataset.images.filter(allOf(conditions)).sort(compareBy(order)),
  );
  const page = readPage(ordered, plan, afterCursor);
  return connection(
    page,
    ordered.length,
    (image) => image.id,
    (image) => toNativeImage(image, traits),
  );
}

/**
 * `fetch_image_aliases` / `admin_search_image_aliases`: one page of the alias rows of these images (all
 * of them, or the one image a scope names). A cursor row is looked up among every alias, as the manager's
 * subquery does.
 */
function aliasConnection(
  args: ListArgs<AliasFilterInput>,
  images: readonly SandboxImage[],
  { state, traits }: NativeContext,
) {
  const conditions = args.filter ? aliasConditions(args.filter, traits) : [];
  const plan = planOf(args, traits);
  const order = orderOf(plan, aliasOrderBy(args.orderBy ?? null), aliasOrders(traits));
  const afterCursor = aliasCursorCondition(plan, traits, (id) =>
    aliasRows(state.dataset.images).find((row) => row.id === id),
  );
  const ordered = aliasRows(images).filter(allOf(conditions)).sort(compareBy(order));
  return connection(readPage(ordered, plan, afterCursor), ordered.length, (row) => row.id, aliasNode);
}

const aliasNode = (row: AliasRow) => ({ id: toGlobalId('ImageV2Alias', row.id), alias: row.alias });

function requireSuperadmin(context: NativeContext): void {
  if (context.caller.role !== 'superadmin') throw adminOnly();
}

export const nativeResolvers = {
  Query: {
    imageV2: reported((_: unknown, { id }: { id: string }, { state, traits }: NativeContext) => {
      const image = state.images.get(pythonUuid(String(id)));
      return image ? toNativeImage(image, traits) : null;
    }),
    imageAlias: reported((_: unknown, { id }: { id: string }, { state }: NativeContext) => {
      const uuid = pythonUuid(String(id));
      const row = aliasRows(state.dataset.images).find((candidate) => candidate.id === uuid);
      return row ? aliasNode(row) : null;
    }),
    adminImagesV2: reported((_: unknown, args: ListArgs<ImageFilterInput>, context: NativeContext) => {
      requireSuperadmin(context);
      return imageConnection(args, { key: 'all', condition: null }, context);
    }),
    containerRegistryImagesV2: reported(
      (
        _: unknown,
        args: ListArgs<ImageFilterInput> & { scope: { registryId: string } },
        context: NativeContext,
      ) => {
        const { registryId } = args.scope;
        return imageConnection(
          args,
          { key: `registry:${registryId}`, condition: (image) => image.registryId === registryId },
          context,
        );
      },
    ),
    adminImageAliases: reported((_: unknown, args: ListArgs<AliasFilterInput>, context: NativeContext) => {
      requireSuperadmin(context);
      return aliasConnection(args, context.state.dataset.images, context);
    }),
    imageScopedAliases: reported(
      (
        _: unknown,
        args: ListArgs<AliasFilterInput> & { scope: { imageId: string } },
        context: NativeContext,
      ) => {
        const image = context.state.images.get(args.scope.imageId);
        return aliasConnection(args, image ? [image] : [], context);
      },
    ),
  },
  ImageV2: {
    // The image's own aliases, paged by cursor only (no limit/offset arguments).
    aliases: reported((parent: unknown, args: ListArgs<AliasFilterInput>, context: NativeContext) => {
      return aliasConnection(args, [(parent as NativeImage).row], context);
    }),
  },
};
