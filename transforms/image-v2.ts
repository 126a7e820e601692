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
import type { GraphQLSchema } from 'graphql';
import {
  IDENTITY_FIELDS,
  imageV2Id,
  type LegacyImageRow,
  METADATA_FIELDS,
  REQUIREMENTS_FIELDS,
  resourceLimits,
} from '../src/image/index.ts';
import {
  type ImageDetails,
  type ImageV2Source,
  imageIdFromArgument,
  type LegacyImagePort,
  type PaginationArgs,
  resolveImageById,
  resolveImagePage,
  resolveRegistryId,
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
import { LegacyTransport } from '../src/resolvers/legacy-transport.ts';
import { type ManagerState, managerStateOf } from '../src/resolvers/manager-state.ts';
import { declareNodeFetcher } from '../src/resolvers/node-fetchers.ts';
import { RegistryDirectory } from '../src/resolvers/registry-directory.ts';
import { detailsOf, RestImageCatalogue, scanCatalogue } from '../src/resolvers/rest-details.ts';
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
  private readonly manager: ManagerState;
  private transport: LegacyTransport | null = null;
  /** Per request (keyed by its context): the port and the details reader its fields share. */
  private readonly ports = new WeakMap<object, LegacyImagePort>();
  private readonly detailReaders = new WeakMap<object, ImageDetails>();

  constructor({ config }: MeshTransformOptions<unknown>) {
    this.config = checkImageV2Config(config);
    this.registries = new RegistryDirectory(this.config.registryCacheTtlSeconds * 1000);
    this.catalogue = new RestImageCatalogue(this.config.restCacheTtlSeconds * 1000);
    this.manager = managerStateOf(this.config.legacyUrl, this.config.capabilityRefreshSeconds * 1000);
  }

  private port(context: MeshContext): LegacyImagePort {
    let port = this.ports.get(context);
    if (!port) {
      if (!this.transport) throw new Error('the image-v2 transform has not seen the Mesh schema yet');
      port = legacyImagePort(context, this.transport, this.config.restSource);
      this.ports.set(context, port);
    }
    return port;
  }

  /**
   * Creation time, registry id and custom maximums from the REST image API, where the manager has it
   * (26.3+): a listed image from the catalogue, a single one by id. Null where the manager has no REST
   * image API or refuses it: the fields then stay as the legacy API gives them.
   */
  private details(context: MeshContext): ImageDetails {
    let details = this.detailReaders.get(context);
    if (details) return details;
    const port = this.port(context);
    this.manager.refreshIfStale(() => port.managerRelease());
    details = async (image) => {
      if (!this.manager.capabilities.restImageApi) return null;
      const id = image.row.row_id;
      try {
        if (image.single) {
          const item = await port.restImage(id);
          return item ? detailsOf(item) : null;
        }
        return await this.catalogue.lookup(id, () =>
          scanCatalogue((offset, limit) => port.restSearch(offset, limit)),
        );
      } catch {
        return null;
      }
    };
    this.detailReaders.set(context, details);
    return details;
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

  private imageResolvers(): Record<string, Record<string, FieldResolver>> {
    const { profile, defaultPageSize, maxPageSize } = this.config;
    const image: Record<string, FieldResolver> = {
      id: (source) => imageV2Id(source.row),
      identity: itself,
      metadata: itself,
      requirements: itself,
      permission: () => null,
      registryId: (source, _args, context) =>
        resolveRegistryId(source, this.registries, this.port(context), this.details(context)),
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
    this.transport = new LegacyTransport(schema, this.config.source);
    const queryTypeName = schema.getQueryType()?.name ?? 'Query';
    const extended = mergeSchemas({
      // Legacy schemas use federation directives (@key, @shareable) without defining them.
      assumeValidSDL: true,
      schemas: [schema],
      typeDefs: imageV2TypeDefs(schema, { profile, sizeBytes }),
      resolvers: { [queryTypeName]: this.rootResolvers(), ...this.imageResolvers() },
    });
    declareNodeFetcher(extended, 'ImageV2', (id, context) =>
      resolveImageById(id, this.port(context as MeshContext)),
    );
    return extended;
  }
}
