/**
 * Mesh transform: adds ImageV2 beside the legacy API, in one of two profiles: `bep-1038` (the seed's names,
 * `imagesV2`) or `release` (the released API's fields: `adminImagesV2`, `containerRegistryImagesV2`,
 * filters, orders, aliases; the type renames are left to transform-rename, configured next in
 * .meshrc.yaml). The types come from src/schema/; the resolvers from src/resolvers/, over Mesh's executor
 * for the legacy source, so every upstream call carries the caller's own credentials and calls made in the
 * same tick share one upstream request.
 *
 * An image is served from its legacy row: each field is mapped from the row when a client asks for it
 * (src/image/fields.ts), and what several fields of one request need (the port, the REST details) is made
 * once per request.
 */
import type { MeshTransform, MeshTransformOptions } from '@graphql-mesh/types';
import { mergeSchemas } from '@graphql-tools/schema';
import { defaultTypeResolver, type GraphQLError, type GraphQLSchema, isAbstractType } from 'graphql';
import { ErrorCode } from '../src/errors/index.ts';
import { filterLanguageOf } from '../src/filters/index.ts';
import { type GatewayRuntime, runtimeOf } from '../src/gateway/observability/gateway-runtime.ts';
import { requestIdOf } from '../src/gateway/observability/request-observer.ts';
import {
  IDENTITY_FIELDS,
  imageV2Id,
  type LegacyImageRow,
  METADATA_FIELDS,
  REQUIREMENTS_FIELDS,
  resourceLimits,
} from '../src/image/index.ts';
import type { RegistryIdOf } from '../src/resolvers/held-rows.ts';
import {
  type ImageListArgs,
  type ListingRequest,
  type ListingSource,
  resolveImageList,
} from '../src/resolvers/image-listing.ts';
import {
  type ImageDetails,
  type ImageV2Source,
  imageIdFromArgument,
  type LegacyImagePort,
  type PaginationArgs,
  resolveImageById,
  resolveRegistryId,
} from '../src/resolvers/image-v2.ts';
import { checkImageV2Config, type ImageV2TransformConfig } from '../src/resolvers/image-v2-config.ts';
import { type AliasListArgs, registryIdResolver, resolveAliases } from '../src/resolvers/image-v2-release.ts';
import { legacyImagePort, type MeshContext } from '../src/resolvers/legacy-port.ts';
import { LegacyTransport } from '../src/resolvers/legacy-transport.ts';
import { type ManagerState, managerStateOf } from '../src/resolvers/manager-state.ts';
import { declareNodeFetcher } from '../src/resolvers/node-fetchers.ts';
import { type AuxiliaryRead, WITHOUT_IT, withFailureReports } from '../src/resolvers/observed-port.ts';
import { PerRequest } from '../src/resolvers/per-request.ts';
import {
  type FetchRegistries,
  RegistryDirectory,
  type RegistryRow,
  readRegistryList,
  registryKey,
} from '../src/resolvers/registry-directory.ts';
import {
  RestImageCatalogue,
  type RestImageDetails,
  RestImageLookups,
  scanCatalogue,
} from '../src/resolvers/rest-details.ts';
import { ManagerPageCap, type ScanBudget } from '../src/resolvers/whole-match.ts';
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

export default class ImageV2Transform implements MeshTransform {
  readonly noWrap = true;
  private readonly config: ImageV2TransformConfig;
  private readonly registries: RegistryDirectory;
  private readonly catalogue: RestImageCatalogue;
  private readonly restLookups: RestImageLookups;
  private readonly manager: ManagerState;
  /** The manager's page cap, once a refusal has told it (installation configuration). */
  private readonly pageCap = new ManagerPageCap();
  private readonly budget: ScanBudget;
  /** The caller's role and each image's REST details, kept for one request only. */
  private readonly perRequest = new PerRequest<Promise<unknown>>();
  private readonly runtime: GatewayRuntime;
  /** The stitched schema Mesh hands this transform; the transport over its legacy source is made on first use. */
  private stitched: GraphQLSchema | null = null;
  private transport: LegacyTransport | null = null;
  /** Per request (keyed by its context): the port, details reader and registry lookup its fields share. */
  private readonly ports = new WeakMap<object, LegacyImagePort>();
  private readonly detailReaders = new WeakMap<object, ImageDetails>();
  private readonly registryLookups = new WeakMap<object, RegistryIdOf>();

  constructor({ config }: MeshTransformOptions<unknown>) {
    this.config = checkImageV2Config(config);
    this.runtime = runtimeOf(this.config.instance);
    const { metrics } = this.runtime;
    this.registries = new RegistryDirectory(this.config.registryCacheTtlSeconds * 1000, Date.now, (hit) =>
      metrics.cacheLookup('registry_directory', hit),
    );
    this.catalogue = new RestImageCatalogue(this.config.restCacheTtlSeconds * 1000, Date.now, (hit) =>
      metrics.cacheLookup('rest_catalogue', hit),
    );
    this.restLookups = new RestImageLookups({ ttlMs: this.config.restCacheTtlSeconds * 1000 });
    this.manager = managerStateOf(this.config.legacyUrl, this.config.capabilityRefreshSeconds * 1000);
    this.budget = { maxRows: this.config.maxScanRows, setting: 'MAX_GATEWAY_SCAN_ROWS' };
  }

  /** The legacy manager for one request: made once per request, whichever fields ask. */
  private port(context: MeshContext): LegacyImagePort {
    let port = this.ports.get(context);
    if (!port) {
      if (!this.stitched) throw new Error('the image-v2 transform has not seen the Mesh schema yet');
      this.transport ??= new LegacyTransport(this.stitched, this.config.source);
      port = withFailureReports(
        legacyImagePort(context, this.transport, this.config.restSource),
        (read, error) => this.reportFailure(read, error, context),
      );
      this.ports.set(context, port);
    }
    return port;
  }

  /** A read beside the main answer failed: a log line and a counter, whatever happens to the answer. */
  private reportFailure(read: AuxiliaryRead, error: unknown, context: MeshContext): void {
    this.runtime.metrics.auxiliaryReadFailures.inc({ read });
    const requestId = requestIdOf(context);
    this.runtime.logger.warn(`${read} read failed; ${WITHOUT_IT[read]}`, error, {
      read,
      ...(requestId ? { requestId } : {}),
    });
  }

  /** The registry list, read whole with the gateway's keypair (a gateway read). */
  private fetchRegistries(context: MeshContext): FetchRegistries {
    const port = this.port(context);
    return () =>
      readRegistryList((offset, size) => port.registryPage(offset, size), this.budget, this.pageCap);
  }

  /**
   * Creation time, registry id and custom maximums from the REST image API, where the manager has it
   * (26.3+): a listed image from the catalogue, a single one by id. Null where the manager has no REST
   * image API or refuses it: the fields then stay as the legacy API gives them. Each image's details are
   * read once per request, whichever of its fields ask.
   */
  private details(context: MeshContext): ImageDetails {
    let details = this.detailReaders.get(context);
    if (details) return details;
    const port = this.port(context);
    this.manager.refreshIfStale(() => port.managerRelease());
    const read = async (image: ImageV2Source): Promise<RestImageDetails | null> => {
      const id = image.row.row_id;
      if (image.single) return this.restLookups.lookup(id, (key) => port.restImage(key));
      return this.catalogue
        .lookup(id, () => scanCatalogue((offset, limit) => port.restSearch(offset, limit)))
        .catch(() => null);
    };
    details = (image) => {
      if (!this.manager.capabilities.restImageApi) return Promise.resolve(null);
      const key = `details:${image.single ? 'one' : 'listed'}:${image.row.row_id}`;
      return this.perRequest.get(context, key, () => read(image)) as Promise<RestImageDetails | null>;
    };
    this.detailReaders.set(context, details);
    return details;
  }

  /**
   * Registry ids by registry and project, from the shared directory (read with the gateway's keypair).
   * Without a keypair the manager refuses that read; a superadmin caller may list registries itself, so
   * its own list is read with its credentials and kept for its request only, never in the shared cache.
   */
  private registryIdOf(context: MeshContext): RegistryIdOf {
    let lookup = this.registryLookups.get(context);
    if (lookup) return lookup;
    const shared = registryIdResolver(this.registries, this.fetchRegistries(context));
    const port = this.port(context);
    lookup = async (row) => {
      try {
        return await shared(row);
      } catch (error) {
        const refused = (error as GraphQLError).extensions?.code === ErrorCode.UpstreamFieldUnavailable;
        if (!refused || (await this.role(context)()) !== 'superadmin') throw error;
        const own = this.perRequest.get(context, 'registries', () =>
          readRegistryList(
            (offset, size) => port.registryPage(offset, size, 'caller'),
            this.budget,
            this.pageCap,
          ),
        ) as Promise<RegistryRow[]>;
        const key = registryKey(row.registry, row.project);
        return (await own).find((entry) => registryKey(entry.registry, entry.project) === key)?.id ?? null;
      }
    };
    this.registryLookups.set(context, lookup);
    return lookup;
  }

  /** The caller's role as the manager knows it, asked at most once per request. */
  private role(context: MeshContext): () => Promise<string | null> {
    return () =>
      this.perRequest.get(context, 'role', () => this.port(context).callerRole()) as Promise<string | null>;
  }

  /** What a listing reads through, for one request. */
  private listingSource(context: MeshContext): ListingSource {
    const port = this.port(context);
    this.manager.refreshIfStale(() => port.managerRelease());
    const capabilities = this.manager.capabilities;
    return {
      port,
      limits: { defaultPageSize: this.config.defaultPageSize, maxPageSize: this.config.maxPageSize },
      budget: this.budget,
      pageCap: this.pageCap,
      traits: {
        language: filterLanguageOf(capabilities),
        countIgnoresCursor: capabilities.countIgnoresCursor,
      },
      role: () => this.perRequest.get(context, 'role', () => port.callerRole()) as Promise<string | null>,
      registryIdOf: this.registryIdOf(context),
    };
  }

  private rootResolvers(): Record<string, Resolver<never>> {
    const list = (request: ListingRequest, context: MeshContext) =>
      resolveImageList(request, this.listingSource(context));
    const imageV2: Resolver<{ id: string }> = (_root, args, context) =>
      resolveImageById(imageIdFromArgument(args.id), this.port(context), this.role(context));
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
    const { profile, defaultPageSize, maxPageSize } = this.config;
    const image: Record<string, FieldResolver> = {
      id: (source) => imageV2Id(source.row),
      identity: itself,
      metadata: itself,
      requirements: itself,
      permission: () => null,
      registryId: (source, _args, context) =>
        resolveRegistryId(source, this.registryIdOf(context), this.details(context)),
    };
    const metadata: Record<string, FieldResolver> = {
      ...fromRow(METADATA_FIELDS),
      createdAt: async (source, _args, context) => (await this.details(context)(source))?.createdAt ?? null,
    };
    const requirements: Record<string, FieldResolver> = {
      ...fromRow(REQUIREMENTS_FIELDS),
      resourceLimits: async (source, _args, context) =>
        resourceLimits(source.row.resource_limits, (await this.details(context)(source))?.customMax),
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
    this.stitched = schema;
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
      resolveImageById(id, this.port(context as MeshContext), this.role(context as MeshContext)),
    );
    return extended;
  }
}
