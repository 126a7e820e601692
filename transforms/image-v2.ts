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
import type { ImageV2Record } from '../src/image/index.ts';
import {
  imageIdFromArgument,
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
import { declareNodeFetcher } from '../src/resolvers/node-fetchers.ts';
import { RegistryDirectory } from '../src/resolvers/registry-directory.ts';
import { imageV2TypeDefs } from '../src/schema/imagev2-typedefs.ts';

type Resolver<Args> = (root: unknown, args: Args, context: MeshContext) => unknown;

export default class ImageV2Transform implements MeshTransform {
  readonly noWrap = true;
  private readonly config: ImageV2TransformConfig;
  private readonly registries: RegistryDirectory;

  constructor({ config }: MeshTransformOptions<unknown>) {
    this.config = checkImageV2Config(config);
    this.registries = new RegistryDirectory(this.config.registryCacheTtlSeconds * 1000);
  }

  private rootResolvers(): Record<string, Resolver<never>> {
    const { source, profile, defaultPageSize, maxPageSize } = this.config;
    const port = (context: MeshContext) => legacyImagePort(context, source);
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
    const { source, profile, sizeBytes, defaultPageSize, maxPageSize } = this.config;
    const port = (context: MeshContext) => legacyImagePort(context, source);
    const queryTypeName = schema.getQueryType()?.name ?? 'Query';
    const imageResolvers: Record<string, unknown> = {
      registryId: (image: ImageV2Record, _args: unknown, context: MeshContext) =>
        resolveRegistryId(image, this.registries, port(context)),
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
      resolvers: { [queryTypeName]: this.rootResolvers(), ImageV2: imageResolvers },
    });
    declareNodeFetcher(extended, 'ImageV2', (id, context) =>
      resolveImageById(id, port(context as MeshContext)),
    );
    return extended;
  }
}
