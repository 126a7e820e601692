/**
 * ImageV2 as an Apollo Federation v2 subgraph, the part Backend.AI's native strawberry subgraph plays
 * beside the legacy (graphene) subgraph in a Hive Gateway supergraph:
 *
 * - the subgraph SDL (`_service { sdl }`): the profile's ImageV2 root fields and every type they reach,
 *   `ImageV2 @key(fields: "id")`, `PageInfo @shareable` (the legacy subgraph defines it too). The legacy
 *   API stays the legacy subgraph's: `node`, `image_nodes` and the rest are not declared here, though the
 *   gateway's endpoint keeps answering them for the clients that call it directly.
 * - the federation fields (`_service`, `_entities`), replacing any the fronted manager's schema has;
 * - how an entity representation reads (`{ __typename: "ImageV2", id }`, the id global or raw).
 */
import { filterSchema } from '@graphql-tools/utils';
import {
  type ConstDirectiveNode,
  type DefinitionNode,
  type GraphQLSchema,
  Kind,
  parse,
  print,
  printSchema,
} from 'graphql';
import { invalidParameters } from '../errors/index.ts';
import { decodeGlobalId, isUuid } from '../relay/index.ts';
import { PROFILE_SDL, type V2Profile } from './imagev2-typedefs.ts';
import { reachableTypeNames } from './reachable.ts';

export const FEDERATION_SPEC = 'https://specs.apollo.dev/federation/v2.3';

/** Entity types of the subgraph, with their key field. */
export const ENTITY_KEYS: Readonly<Record<string, string>> = { ImageV2: 'id' };

/** Value types other subgraphs define as well. */
const SHAREABLE = new Set(['PageInfo']);

const FEDERATION_FIELDS = new Set(['_service', '_entities']);
const FEDERATION_TYPES = new Set(['_Service', '_Entity', '_Any']);

/** The root fields a profile adds (`imageV2`, `imagesV2`, ...), read from its SDL. */
export function profileRootFields(profile: V2Profile): string[] {
  return parse(PROFILE_SDL[profile]).definitions.flatMap((definition) =>
    definition.kind === Kind.OBJECT_TYPE_EXTENSION && definition.name.value === 'Query'
      ? (definition.fields ?? []).map((field) => field.name.value)
      : [],
  );
}

const directive = (name: string, fields?: string): ConstDirectiveNode => ({
  kind: Kind.DIRECTIVE,
  name: { kind: Kind.NAME, value: name },
  arguments: fields
    ? [
        {
          kind: Kind.ARGUMENT,
          name: { kind: Kind.NAME, value: 'fields' },
          value: { kind: Kind.STRING, value: fields },
        },
      ]
    : [],
});

function subgraphDefinition(
  definition: DefinitionNode,
  keep: Set<string>,
  query: { name: string; fields: Set<string> },
): DefinitionNode[] {
  if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) {
    const name = 'name' in definition ? definition.name?.value : undefined;
    return name && keep.has(name) && definition.kind !== Kind.DIRECTIVE_DEFINITION ? [definition] : [];
  }
  const name = definition.name.value;
  if (name === query.name) {
    const fields = definition.fields?.filter((field) => query.fields.has(field.name.value));
    return [{ ...definition, name: { ...definition.name, value: 'Query' }, fields }];
  }
  if (!keep.has(name)) return [];
  const key = ENTITY_KEYS[name];
  const added = key ? [directive('key', key)] : SHAREABLE.has(name) ? [directive('shareable')] : [];
  return [{ ...definition, directives: [...(definition.directives ?? []), ...added] }];
}

/** The subgraph SDL of the profile's ImageV2 part of a served schema (whatever its query type is named). */
export function imageV2SubgraphSDL(schema: GraphQLSchema, profile: V2Profile): string {
  const queryType = schema.getQueryType();
  if (!queryType) throw new Error('the schema has no query type');
  const rootFields = profileRootFields(profile).filter((field) => queryType.getFields()[field]);
  const keep = new Set(
    reachableTypeNames(schema, {
      types: [],
      fields: rootFields.map((field) => ({ type: queryType.name, field })),
    }),
  );
  const query = { name: queryType.name, fields: new Set(rootFields) };
  const definitions = parse(printSchema(schema)).definitions.flatMap((definition) =>
    subgraphDefinition(definition, keep, query),
  );
  const link = `extend schema @link(url: "${FEDERATION_SPEC}", import: ["@key", "@shareable"])`;
  return `${link}\n\n${print({ kind: Kind.DOCUMENT, definitions })}\n`;
}

/** The schema without the federation fields and types a manager's schema may bring. */
export function withoutFederationFields(schema: GraphQLSchema): GraphQLSchema {
  return filterSchema({
    schema,
    rootFieldFilter: (operation, field) => operation !== 'Query' || !FEDERATION_FIELDS.has(field),
    typeFilter: (name) => !FEDERATION_TYPES.has(name),
  });
}

/** The federation fields, for a schema whose query type is `queryTypeName`. */
export function federationTypeDefs(queryTypeName: string): string {
  return /* GraphQL */ `
    scalar _Any
    union _Entity = ${Object.keys(ENTITY_KEYS).join(' | ')}
    type _Service {
      sdl: String!
    }
    extend type ${queryTypeName} {
      _entities(representations: [_Any!]!): [_Entity]!
      _service: _Service!
    }
  `;
}

export interface EntityReference {
  typeName: string;
  /** The raw id (a UUID for ImageV2). */
  id: string;
}

/** Reads one representation of `_entities`; a bad one is the caller's error, in the native shape. */
export function entityReference(representation: unknown): EntityReference {
  const { __typename: typeName, id } = (representation ?? {}) as { __typename?: unknown; id?: unknown };
  if (typeof typeName !== 'string' || typeof id !== 'string') {
    throw invalidParameters('an entity representation needs a __typename and an id');
  }
  if (!(typeName in ENTITY_KEYS)) throw invalidParameters(`${typeName} is not an entity of this subgraph`);
  if (isUuid(id)) return { typeName, id: id.toLowerCase() };
  const global = decodeGlobalId(id);
  if (global?.typeName !== typeName || !isUuid(global.id)) {
    throw invalidParameters(`id must be a ${typeName} global id or UUID, got "${id}"`);
  }
  return { typeName, id: global.id.toLowerCase() };
}
