/**
 * Mesh transform: adds ImageV2 (BEP-1038) beside the legacy API. The types come from
 * src/schema/imagev2.graphql; the resolvers from src/resolvers/image-v2.ts, over the legacy source's
 * in-context SDK, so every upstream call carries the caller's own credentials and calls made in the same
 * tick share one upstream request.
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
} from '../src/resolvers/image-v2.ts';
import { checkImageV2Config, type ImageV2TransformConfig } from '../src/resolvers/image-v2-config.ts';
import { legacyImagePort, type MeshContext } from '../src/resolvers/legacy-port.ts';
import { declareNodeFetcher } from '../src/resolvers/node-fetchers.ts';
import { RegistryDirectory } from '../src/resolvers/registry-directory.ts';
import { IMAGE_V2_SDL, imageV2TypeDefs } from '../src/schema/imagev2-typedefs.ts';

export default class ImageV2Transform implements MeshTransform {
  readonly noWrap = true;
  private readonly config: ImageV2TransformConfig;
  private readonly registries: RegistryDirectory;

  constructor({ config }: MeshTransformOptions<unknown>) {
    this.config = checkImageV2Config(config);
    this.registries = new RegistryDirectory(this.config.registryCacheTtlSeconds * 1000);
  }

  transformSchema(schema: GraphQLSchema): GraphQLSchema {
    const { source, sizeBytes, defaultPageSize, maxPageSize } = this.config;
    const port = (context: MeshContext) => legacyImagePort(context, source);
    const limits = { defaultPageSize, maxPageSize };
    const queryTypeName = schema.getQueryType()?.name ?? 'Query';
    const extended = mergeSchemas({
      // Legacy schemas use federation directives (@key, @shareable) without defining them.
      assumeValidSDL: true,
      schemas: [schema],
      typeDefs: imageV2TypeDefs(schema, { sdl: IMAGE_V2_SDL, sizeBytes }),
      resolvers: {
        [queryTypeName]: {
          imagesV2: (_root: unknown, args: PaginationArgs, context: MeshContext) =>
            resolveImagePage(args, { statuses: ['ALIVE'] }, port(context), limits),
          imageV2: (_root: unknown, args: { id: string }, context: MeshContext) =>
            resolveImageById(imageIdFromArgument(args.id), port(context)),
        },
        ImageV2: {
          registryId: (image: ImageV2Record, _args: unknown, context: MeshContext) =>
            resolveRegistryId(image, this.registries, port(context)),
        },
      },
    });
    declareNodeFetcher(extended, 'ImageV2', (id, context) =>
      resolveImageById(id, port(context as MeshContext)),
    );
    return extended;
  }
}
