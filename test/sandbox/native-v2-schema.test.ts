/**
 * The native v2 SDL each release serves: its key shapes pinned here, and (where the reference copy of the
 * manager's strawberry schema is at hand, ../shared/reference) its whole image part compared with the
 * real one: every type reachable from the six image root fields, with the same fields, arguments, types,
 * nullability and defaults.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildASTSchema,
  type DocumentNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { NATIVE_RELEASES, type NativeRelease, nativeSchemaSDL } from '../../src/sandbox/index.ts';

const IMAGE_ROOT_FIELDS = [
  'imageV2',
  'imageAlias',
  'adminImagesV2',
  'adminImageAliases',
  'containerRegistryImagesV2',
  'imageScopedAliases',
];

const served = (release: NativeRelease) => buildASTSchema(parse(nativeSchemaSDL(release)));

const argument = (arg: GraphQLArgument) =>
  `${arg.name}: ${String(arg.type)}${arg.defaultValue === undefined ? '' : ` = ${JSON.stringify(arg.defaultValue)}`}`;
const field = (f: GraphQLField<unknown, unknown>) =>
  `${f.name}(${f.args.map(argument).join(', ')}): ${String(f.type)}`;

/** A type's members as comparable text: interfaces, fields with arguments, input defaults, enum values. */
function signature(type: GraphQLNamedType): string[] {
  if (isObjectType(type) || isInterfaceType(type))
    return [
      ...type.getInterfaces().map((i) => `implements ${i.name}`),
      ...Object.values(type.getFields()).map(field),
    ].sort();
  if (isInputObjectType(type))
    return Object.values(type.getFields())
      .map((f) => `${f.name}: ${String(f.type)} = ${JSON.stringify(f.defaultValue)}`)
      .sort();
  if (isEnumType(type)) return type.getValues().map((value) => value.name);
  return ['scalar'];
}

/** The image part of a schema: the named types reachable from the image root fields. */
function imagePart(schema: GraphQLSchema): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (type: GraphQLNamedType) => {
    if (seen.has(type.name) || ['String', 'Int', 'Boolean', 'ID'].includes(type.name)) return;
    seen.set(type.name, signature(type));
    if (isObjectType(type) || isInterfaceType(type)) {
      type.getInterfaces().forEach(visit);
      for (const f of Object.values(type.getFields())) {
        visit(getNamedType(f.type));
        for (const arg of f.args) visit(getNamedType(arg.type));
      }
    } else if (isInputObjectType(type))
      for (const f of Object.values(type.getFields())) visit(getNamedType(f.type));
  };
  const query = schema.getQueryType()?.getFields() ?? {};
  for (const name of IMAGE_ROOT_FIELDS) {
    const root = query[name];
    if (!root) continue;
    seen.set(`Query.${name}`, [field(root)]);
    visit(getNamedType(root.type));
    for (const arg of root.args) visit(getNamedType(arg.type));
  }
  return seen;
}

/**
 * A federation subgraph's SDL as a plain schema: the `@link` schema extension dropped, and types only
 * extended there (`extend type VirtualFolderNode @key(...)`) defined.
 */
function subgraphSchema(sdl: string): GraphQLSchema {
  const document = parse(sdl);
  const defined = new Set(
    document.definitions.flatMap((d) => (d.kind === Kind.OBJECT_TYPE_DEFINITION ? [d.name.value] : [])),
  );
  const definitions = document.definitions
    .filter((d) => d.kind !== Kind.SCHEMA_EXTENSION && d.kind !== Kind.SCHEMA_DEFINITION)
    .map((d) =>
      d.kind === Kind.OBJECT_TYPE_EXTENSION && !defined.has(d.name.value)
        ? { ...d, kind: Kind.OBJECT_TYPE_DEFINITION }
        : d,
    );
  return buildASTSchema({ ...document, definitions } as DocumentNode, { assumeValidSDL: true });
}

/** ../shared/reference from here or any folder above (a worktree sits deeper than the main checkout). */
function referenceDir(): string | null {
  for (let dir = import.meta.dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'reference');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

const REFERENCE = referenceDir();
// 26.8: the newest snapshot, whose image part equals tag 26.8.0's except for descriptions.
const REFERENCE_FILES: Record<NativeRelease, string> = {
  '26.2': 'full/v2-schema-26.2.0.graphql',
  '26.4': 'full/v2-schema-26.4.0.graphql',
  '26.8': 'v2-image-types-head.graphql',
};

for (const release of NATIVE_RELEASES) {
  const file = REFERENCE === null ? null : path.join(REFERENCE, REFERENCE_FILES[release]);
  const present = file !== null && existsSync(file);
  describe.skipIf(!present)(`the ${release} native SDL against the reference`, () => {
    // Read only when present: the describe body runs even when skipped.
    const reference = present ? imagePart(subgraphSchema(readFileSync(file, 'utf8'))) : new Map();
    const ours = imagePart(served(release));

    it('has the same image types and root fields', () => {
      expect([...ours.keys()].sort()).toEqual([...reference.keys()].sort());
    });

    it.each([...reference.keys()])('%s is the same', (name) =>
      expect(ours.get(name)).toEqual(reference.get(name)),
    );
  });
}

describe('the native SDL per release', () => {
  const [v26_2, v26_4, v26_8] = NATIVE_RELEASES.map(served) as [GraphQLSchema, GraphQLSchema, GraphQLSchema];
  const fieldOf = (schema: GraphQLSchema, type: string, name: string) =>
    String(
      (schema.getType(type) as { getFields(): Record<string, { type: unknown }> }).getFields()[name]?.type,
    );
  const argOf = (schema: GraphQLSchema, name: string) =>
    String(
      schema
        .getQueryType()
        ?.getFields()
        .adminImagesV2?.args.find((arg) => arg.name === name)?.type,
    );

  it('serves exactly the six image root fields', () => {
    for (const schema of [v26_2, v26_4, v26_8])
      expect(Object.keys(schema.getQueryType()?.getFields() ?? {}).sort()).toEqual(
        [...IMAGE_ROOT_FIELDS].sort(),
      );
  });

  it('keeps sizeBytes a 32-bit Int! and the digest a nullable String on every release', () => {
    for (const schema of [v26_2, v26_4, v26_8]) {
      expect(fieldOf(schema, 'ImageV2MetadataInfo', 'sizeBytes')).toBe('Int!');
      expect(fieldOf(schema, 'ImageV2MetadataInfo', 'digest')).toBe('String');
      expect(fieldOf(schema, 'ImageV2', 'permission')).toBe('ImageV2PermissionInfo');
    }
  });

  it('names the input types as each release does', () => {
    expect([argOf(v26_2, 'filter'), argOf(v26_2, 'orderBy')]).toEqual([
      'ImageV2FilterGQL',
      '[ImageV2OrderByGQL!]',
    ]);
    expect([argOf(v26_4, 'filter'), argOf(v26_4, 'orderBy')]).toEqual([
      'ImageV2Filter',
      '[ImageV2OrderByGQL!]',
    ]);
    expect([argOf(v26_8, 'filter'), argOf(v26_8, 'orderBy')]).toEqual(['ImageV2Filter', '[ImageV2OrderBy!]']);
  });

  it('filters status by a list on 26.2 and by operators later; id only from 26.4.4', () => {
    expect(fieldOf(v26_2, 'ImageV2FilterGQL', 'status')).toBe('[ImageV2Status!]');
    expect(fieldOf(v26_4, 'ImageV2Filter', 'status')).toBe('ImageV2StatusFilter');
    expect(fieldOf(v26_4, 'ImageV2Filter', 'id')).toBe('undefined');
    expect(fieldOf(v26_8, 'ImageV2Filter', 'id')).toBe('UUIDFilter');
  });

  it('adds lastUsed from 26.4 and makes aliases nullable from 26.4.4', () => {
    expect(fieldOf(v26_2, 'ImageV2', 'lastUsed')).toBe('undefined');
    expect(fieldOf(v26_4, 'ImageV2', 'lastUsed')).toBe('DateTime');
    expect(fieldOf(v26_4, 'ImageV2', 'aliases')).toBe('ImageV2AliasConnection!');
    expect(fieldOf(v26_8, 'ImageV2', 'aliases')).toBe('ImageV2AliasConnection');
  });
});
