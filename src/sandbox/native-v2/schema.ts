/**
 * The native v2 schema a release serves: its SDL (schema/<release>.graphql, the image part of the
 * manager's strawberry schema) with the sandbox's resolvers and strawberry's scalars attached.
 */
import { readFileSync } from 'node:fs';
import { addResolversToSchema } from '@graphql-tools/schema';
import { buildASTSchema, type GraphQLSchema, parse } from 'graphql';
import type { NativeRelease } from './releases.ts';
import { nativeResolvers } from './resolvers.ts';
import { DateTimeScalar, UUIDScalar } from './scalars.ts';

/** The release's SDL as written in schema/. */
export function nativeSchemaSDL(release: NativeRelease): string {
  return readFileSync(new URL(`./schema/${release}.graphql`, import.meta.url), 'utf8');
}

const schemas = new Map<NativeRelease, GraphQLSchema>();

/** The executable schema of a release, built once. */
export function nativeSchema(release: NativeRelease): GraphQLSchema {
  let schema = schemas.get(release);
  if (!schema) {
    schema = addResolversToSchema({
      schema: buildASTSchema(parse(nativeSchemaSDL(release))),
      resolvers: { ...nativeResolvers, UUID: UUIDScalar, DateTime: DateTimeScalar },
    });
    schemas.set(release, schema);
  }
  return schema;
}
