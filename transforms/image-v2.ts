/**
 * Mesh transform: adds ImageV2 beside the legacy API, in one of two profiles: `bep-1038` (the seed's names,
 * `imagesV2`) or `release` (the released API's fields: `adminImagesV2`, `containerRegistryImagesV2`,
 * filters, orders, aliases; the type renames are left to transform-rename, configured next in
 * .meshrc.yaml). The types come from src/schema/; the resolvers from src/resolvers/, over the legacy
 * source's in-context SDK, so every upstream call carries the caller's own credentials and calls made in
 * the same tick share one upstream request.
 */
import type { MeshTransform, MeshTransformOptions } from '@graphql-mesh/types';
import { mergeSchemas } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { type GatewayRuntime, runtimeOf } from '../src/gateway/observability/gateway-runtime.ts';
import { requestIdOf } from '../src/gateway/observability/request-observer.ts';
import { type ImageV2Record, resourceLimits } from '../src/image/index.ts';
import {
  type ImageDetails,
  imageIdFromArgument,
  imageOfPart,
  isSingleLookup,
  type PaginationArgs,
  resolveImageById,
  resolveImagePage,
  resolveRegistryId,
  sourceRowOf,
} from '../src/resolvers/image-v2.ts';
import { checkImageV2Config, type ImageV2TransformConfig } from '../src/resolvers/image-v2-config.ts';
import {
  type AliasListArgs,
  type ImageListArgs,
  registryIdResolver,
  resolveAdminImageList,
  resolveAliases,
  resolveImageList,
} from '../src/resolvers/image-v2-release.ts';
import { legacyImagePort, type MeshContext } from '../src/resolvers/legacy-port.ts';
import { type ManagerState, managerStateOf } from '../src/resolvers/manager-state.ts';
import { declareNodeFetcher } from '../src/resolvers/node-fetchers.ts';
import { type AuxiliaryRead, WITHOUT_IT, withFailureReports } from '../src/resolvers/observed-port.ts';
import { RegistryDirectory } from '../src/resolvers/registry-directory.ts';
import { detailsOf, RestImageCatalogue, scanCatalogue } from '../src/resolvers/rest-details.ts';
import { imageV2TypeDefs } from '../src/schema/imagev2-typedefs.ts';

type Resolver<Args> = (root: unknown, args: Args, context: MeshContext) => unknown;

export default class ImageV2Transform implements MeshTransform {
  readonly noWrap = true;
  private readonly config: ImageV2TransformConfig;
  private readonly registries: RegistryDirectory;
  private readonly catalogue: RestImageCatalogue;
  private readonly manager: ManagerState;
  private readonly runtime: GatewayRuntime;

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
    this.manager = managerStateOf(this.config.legacyUrl, this.config.capabilityRefreshSeconds * 1000);
  }

  private port(context: MeshContext) {
    return withFailureReports(
      legacyImagePort(context, this.config.source, this.config.restSource),
      (read, error) => this.reportFailure(read, error, context),
    );
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

  /**
   * Creation time, registry id and custom maximums from the REST image API, where the manager has it
   * (26.3+): a listed image from the catalogue, a single one by id. Null where the manager has no REST
   * image API or refuses it: the fields then stay as the legacy API gives them.
   */
  private details(context: MeshContext): ImageDetails {
    const port = this.port(context);
    this.manager.refreshIfStale(() => port.managerRelease());
    return async (image) => {
      if (!this.manager.capabilities.restImageApi) return null;
      const id = sourceRowOf(image).row_id;
      try {
        if (isSingleLookup(image)) {
          const item = await port.restImage(id);
          return item ? detailsOf(item) : null;
        }
        return await this.catalogue.lookup(id, () =>
          scanCatalogue((offset, limit) => port.restSearch(offset, limit)),
        );
      } catch {
        // Reported where the manager was read (the port's failure reports); the legacy values stay.
        return null;
      }
    };
  }

  private rootResolvers(): Record<string, Resolver<never>> {
    const { profile, defaultPageSize, maxPageSize } = this.config;
    const port = (context: MeshContext) => this.port(context);
    const limits = { defaultPageSize, maxPageSize };
    const registryIdOf = (context: MeshContext) => registryIdResolver(this.registries, port(context));
    const imageV2: Resolver<{ id: string }> = (_root, args, context) =>
      resolveImageById(imageIdFromArgument(args.id), port(context));
    if (profile === 'bep-1038') {
      const imagesV2: Resolver<PaginationArgs> = (_root, args, context) =>
        // The first implementation lists live images only.
        resolveImagePage(args, { statuses: ['ALIVE'] }, port(context), limits);
      return { imageV2, imagesV2 };
    }
    const adminImagesV2: Resolver<ImageListArgs> = (_root, args, context) =>
      resolveAdminImageList(args, port(context), limits, registryIdOf(context));
    const containerRegistryImagesV2: Resolver<ImageListArgs & { scope: { registryId: string } }> = (
      _root,
      { scope, ...args },
      context,
    ) =>
      resolveImageList(
        args,
        { kind: 'uuid', field: 'registryId', values: [scope.registryId.toLowerCase()] },
        port(context),
        limits,
        registryIdOf(context),
      );
    return { imageV2, adminImagesV2, containerRegistryImagesV2 };
  }

  transformSchema(schema: GraphQLSchema): GraphQLSchema {
    const { profile, sizeBytes, defaultPageSize, maxPageSize } = this.config;
    const port = (context: MeshContext) => this.port(context);
    const queryTypeName = schema.getQueryType()?.name ?? 'Query';
    const imageResolvers: Record<string, unknown> = {
      registryId: (image: ImageV2Record, _args: unknown, context: MeshContext) =>
        resolveRegistryId(image, this.registries, port(context), this.details(context)),
    };
    const metadataResolvers = {
      createdAt: async (metadata: ImageV2Record['metadata'], _args: unknown, context: MeshContext) =>
        (await this.details(context)(imageOfPart(metadata)))?.createdAt ?? metadata.createdAt,
    };
    const requirementsResolvers = {
      resourceLimits: async (
        requirements: ImageV2Record['requirements'],
        _args: unknown,
        context: MeshContext,
      ) => {
        const image = imageOfPart(requirements);
        const customMax = (await this.details(context)(image))?.customMax;
        return customMax
          ? resourceLimits(sourceRowOf(image).resource_limits, customMax)
          : requirements.resourceLimits;
      },
    };
    if (profile === 'release') {
      imageResolvers.lastUsed = () => null;
      imageResolvers.aliases = (image: ImageV2Record, args: AliasListArgs) =>
        resolveAliases(sourceRowOf(image).row_id, sourceRowOf(image).aliases, args, {
          defaultPageSize,
          maxPageSize,
        });
    }
    const extended = mergeSchemas({
      // Legacy schemas use federation directives (@key, @shareable) without defining them.
      assumeValidSDL: true,
      schemas: [schema],
      typeDefs: imageV2TypeDefs(schema, { profile, sizeBytes }),
      resolvers: {
        [queryTypeName]: this.rootResolvers(),
        ImageV2: imageResolvers,
        ImageMetadataInfo: metadataResolvers,
        ImageRequirementsInfo: requirementsResolvers,
      },
    });
    declareNodeFetcher(extended, 'ImageV2', (id, context) =>
      resolveImageById(id, port(context as MeshContext)),
    );
    return extended;
  }
}
