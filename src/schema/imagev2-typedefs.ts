/**
 * The type definitions the ImageV2 transform adds to a legacy schema: the ImageV2 SDL of the profile, plus
 * those supporting definitions (Node, PageInfo, scalars, ImageStatus) the legacy schema lacks. Legacy
 * schemas already define most of them and must keep their own definitions untouched.
 */
import { readFileSync } from 'node:fs';
import {
  type DefinitionNode,
  type DocumentNode,
  type GraphQLSchema,
  Kind,
  parse,
  type TypeNode,
  visit,
} from 'graphql';

/** `BigInt` (default) never fails on a large image; `Int` is the native type, for schema-identical deployments. */
export type SizeBytesType = 'BigInt' | 'Int';

const schemaFile = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');

export type V2Profile = 'bep-1038' | 'release';

export const IMAGE_V2_SDL = schemaFile('./imagev2.graphql');
export const PROFILE_SDL: Record<V2Profile, string> = {
  'bep-1038': schemaFile('./imagev2-bep-1038.graphql'),
  release: schemaFile('./imagev2-release.graphql'),
};
export const RELAY_SUPPORT_SDL = schemaFile('./relay-support.graphql');

function definedName(definition: DefinitionNode): string | null {
  return 'name' in definition && definition.name ? definition.name.value : null;
}

const INT_NON_NULL: TypeNode = {
  kind: Kind.NON_NULL_TYPE,
  type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'Int' } },
};

/** Strict parity serves `sizeBytes` as the native `Int!`, which fails for images of 2 GiB and more. */
function withSizeBytesType(document: DocumentNode, sizeBytes: SizeBytesType): DocumentNode {
  if (sizeBytes === 'BigInt') return document;
  return visit(document, {
    FieldDefinition(field) {
      return field.name.value === 'sizeBytes' ? { ...field, type: INT_NON_NULL } : undefined;
    },
  });
}

/**
 * The seed shares the legacy `ImageStatus` enum (same values); the released API has its own
 * `ImageV2Status`, and the legacy enum must stay as it is for the legacy API.
 */
function withReleasedStatus(document: DocumentNode): DocumentNode {
  return visit(document, {
    FieldDefinition(field, _key, _parent, _path, ancestors) {
      // The field list is the parent, not an ancestor: the nearest ancestor is the type itself.
      const owner = ancestors.at(-1) as { name?: { value: string } } | undefined;
      if (field.name.value !== 'status' || owner?.name?.value !== 'ImageMetadataInfo') return undefined;
      return {
        ...field,
        type: {
          kind: Kind.NON_NULL_TYPE,
          type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ImageV2Status' } },
        },
      };
    },
  });
}

/** Root fields are added to whatever the legacy schema calls its query type (`Query`, or `Queries`). */
function onQueryType(document: DocumentNode, queryTypeName: string): DocumentNode {
  return visit(document, {
    ObjectTypeExtension(extension) {
      return extension.name.value === 'Query'
        ? { ...extension, name: { ...extension.name, value: queryTypeName } }
        : undefined;
    },
  });
}

export function missingSupportDefinitions(schema: GraphQLSchema): DefinitionNode[] {
  return parse(RELAY_SUPPORT_SDL).definitions.filter((definition) => {
    const name = definedName(definition);
    return name !== null && schema.getType(name) === undefined;
  });
}

export function imageV2TypeDefs(
  schema: GraphQLSchema,
  options: { profile: V2Profile; sizeBytes: SizeBytesType },
): DocumentNode {
  const queryType = schema.getQueryType();
  if (!queryType) throw new Error('the legacy schema has no query type');
  const combined = parse(`${IMAGE_V2_SDL}\n${PROFILE_SDL[options.profile]}`);
  const profiled = options.profile === 'release' ? withReleasedStatus(combined) : combined;
  const own = onQueryType(withSizeBytesType(profiled, options.sizeBytes), queryType.name);
  const clashes = own.definitions
    .map(definedName)
    .filter(
      (name): name is string =>
        name !== null && name !== queryType.name && schema.getType(name) !== undefined,
    );
  if (clashes.length > 0) {
    throw new Error(
      `the legacy schema already defines ${clashes.join(', ')}; ImageV2 cannot be added beside it`,
    );
  }
  return { kind: Kind.DOCUMENT, definitions: [...missingSupportDefinitions(schema), ...own.definitions] };
}
