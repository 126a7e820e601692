/**
 * Mesh transform: adds ImageV2 beside the legacy API, in one of two profiles: `bep-1038` (the seed's names,
 * `imagesV2`) or `release` (the released API's fields: `adminImagesV2`, `containerRegistryImagesV2`,
 * filters, orders, aliases; the type renames are left to transform-rename, configured next in
 * .meshrc.yaml). The types come from src/schema/; the resolvers from src/resolvers/, over Mesh's executor
 * for the legacy source, so every upstream call carries the caller's own credentials and calls made in the
 * same tick share one upstream request.
 *
 * An image is served from its legacy row: each field is mapped from the row when a client asks for it
 * (src/image/fields.ts). What the resolvers read, and the caches they read through, are
 * src/resolvers/image-v2-reads.ts.
 */
import type { MeshTransform, MeshTransformOptions } from '@graphql-mesh/types';
import { mergeSchemas } from '@graphql-tools/schema';
import { defaultTypeResolver, type GraphQLSchema, isAbstractType } from 'graphql';
import { runtimeOf } from '../src/gateway/observability/gateway-runtime.ts';
import { requestIdOf } from '../src/gateway/observability/request-observer.ts';
import {
  IDENTITY_FIELDS,
  imageV2Id,
  type LegacyImageRow,
  METADATA_FIELDS,
  REQUIREMENTS_FIELDS,
  resourceLimits,
} from '../src/image/index.ts';
import { type ImageListArgs, type ListingRequest, resolveImageList } from '../src/resolvers/image-listing.ts';
import {
  type ImageV2Source,
  imageIdFromArgument,
  type PaginationArgs,
  resolveImageById,
  resolveRegistryId,
} from '../src/resolvers/image-v2.ts';
import { checkImageV2Config, type ImageV2TransformConfig } from '../src/resolvers/image-v2-config.ts';
import { ImageV2Reads, type ReadObserver } from '../src/resolvers/image-v2-reads.ts';
import { type AliasListArgs, resolveAliases } from '../src/resolvers/image-v2-release.ts';
import type { MeshContext } from '../src/resolvers/legacy-port.ts';
import { declareNodeFetcher } from '../src/resolvers/node-fetchers.ts';
import { WITHOUT_IT } from '../src/resolvers/observed-port.ts';
import { imageV2TypeDefs } from '../src/schema/imagev2-typedefs.ts';

type Resolver<Args> = (root: unknown, args: Args, context: MeshContext) => unknown;
type FieldResolver = (image: ImageV2Source, args: never, context: MeshContext) => unknown;

/** Resolvers that map each field of a group from the image's legacy row. */
function fromRow(fields: Record<string, (row: LegacyImageRow) => unknown>): Record<string, FieldResolver> {
  const resolvers: Record<string, FieldResolver> = {};
  for (const [name, map] of Object.entries(fields)) resolvers[name] = (image) => map(image.row);
  return resolvers;
}

/** The info groups are served from the image itself: their fields read its row. */
const itself = (image: ImageV2Source) => image;

/** The reads' cache lookups and failed side reads, as metrics and log lines of the gateway's runtime. */
function observerOf(instance: string): ReadObserver {
  const { metrics, logger } = runtimeOf(instance);
  return {
    cacheLookup: (cache, hit) => metrics.cacheLookup(cache, hit),
    auxiliaryReadFailed: (read, error, context) => {
      metrics.auxiliaryReadFailures.inc({ read });
      const requestId = requestIdOf(context);
      logger.warn(`${read} read failed; ${WITHOUT_IT[read]}`, error, {
        read,
        ...(requestId ? { requestId } : {}),
      });
    },
  };
}

export default class ImageV2Transform implements MeshTransform {
  readonly noWrap = true;
  private readonly config: ImageV2TransformConfig;
  private readonly reads: ImageV2Reads;

  constructor({ config }: MeshTransformOptions<unknown>) {
    this.config = checkImageV2Config(config);
    this.reads = new ImageV2Reads(this.config, observerOf(this.config.instance));
  }

  private rootResolvers(): Record<string, Resolver<never>> {
    const { reads } = this;
    const list = (request: ListingRequest, context: MeshContext) =>
      resolveImageList(request, reads.listingSource(context));
    const imageV2: Resolver<{ id: string }> = (_root, args, context) =>
      resolveImageById(imageIdFromArgument(args.id), reads.port(context), reads.role(context));
    if (this.config.profile === 'bep-1038') {
      // The first implementation lists live images only.
      const imagesV2: Resolver<PaginationArgs> = (_root, args, context) =>
        list({ args, statuses: ['ALIVE'] }, context);
      return { imageV2, imagesV2 };
    }
    // The released lists have no default status filter: DELETED images too.
    const anyStatus = ['ALIVE', 'DELETED'] as const;
    const adminImagesV2: Resolver<ImageListArgs> = (_root, args, context) =>
      list({ args, statuses: anyStatus, adminOnly: true }, context);
    const containerRegistryImagesV2: Resolver<ImageListArgs & { scope: { registryId: string } }> = (
      _root,
      { scope, ...args },
      context,
    ) =>
      list(
        {
          args,
          base: { kind: 'uuid', field: 'registryId', values: [scope.registryId.toLowerCase()] },
          statuses: anyStatus,
        },
        context,
      );
    return { imageV2, adminImagesV2, containerRegistryImagesV2 };
  }

  private imageResolvers(): Record<string, Record<string, FieldResolver>> {
    const { reads } = this;
    const { profile, defaultPageSize, maxPageSize } = this.config;
    const image: Record<string, FieldResolver> = {
      id: (source) => imageV2Id(source.row),
      identity: itself,
      metadata: itself,
      requirements: itself,
      permission: () => null,
      registryId: (source, _args, context) =>
        resolveRegistryId(source, reads.registryIdOf(context), reads.details(context)),
    };
    const metadata: Record<string, FieldResolver> = {
      ...fromRow(METADATA_FIELDS),
      createdAt: async (source, _args, context) => (await reads.details(context)(source))?.createdAt ?? null,
    };
    const requirements: Record<string, FieldResolver> = {
      ...fromRow(REQUIREMENTS_FIELDS),
      resourceLimits: async (source, _args, context) =>
        resourceLimits(source.row.resource_limits, (await reads.details(context)(source))?.customMax),
    };
    if (profile === 'bep-1038') {
      image.registry = (source) => source.row.registry;
    } else {
      image.lastUsed = () => null;
      metadata.lastUsedAt = () => null;
      image.aliases = (source, args: AliasListArgs) =>
        resolveAliases(source.row.row_id, source.row.aliases, args, { defaultPageSize, maxPageSize });
    }
    return {
      ImageV2: image,
      ImageIdentityInfo: fromRow(IDENTITY_FIELDS),
      ImageMetadataInfo: metadata,
      ImageRequirementsInfo: requirements,
    };
  }

  transformSchema(schema: GraphQLSchema): GraphQLSchema {
    const { profile, sizeBytes } = this.config;
    this.reads.useSchema(schema);
    const queryTypeName = schema.getQueryType()?.name ?? 'Query';
    // transform-rename (the release profile's renames, next in .meshrc.yaml) wraps every abstract type's
    // resolveType and calls it unchecked; the legacy `Node` has none, so `node`/`nodes` of an ImageV2
    // failed there with "existingResolver is not a function". Values carry their __typename.
    const typeResolvers = Object.fromEntries(
      Object.values(schema.getTypeMap())
        .filter((type) => isAbstractType(type) && !type.resolveType && !type.name.startsWith('__'))
        .map((type) => [type.name, { __resolveType: defaultTypeResolver }]),
    );
    const extended = mergeSchemas({
      // Legacy schemas use federation directives (@key, @shareable) without defining them.
      assumeValidSDL: true,
      schemas: [schema],
      typeDefs: imageV2TypeDefs(schema, { profile, sizeBytes }),
      resolvers: { ...typeResolvers, [queryTypeName]: this.rootResolvers(), ...this.imageResolvers() },
    });
    declareNodeFetcher(extended, 'ImageV2', (id, context) =>
      resolveImageById(id, this.reads.port(context as MeshContext), this.reads.role(context as MeshContext)),
    );
    return extended;
  }
}
