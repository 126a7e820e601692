/**
 * A schema made comparable, whatever it came from (SDL text, an introspection result, a built schema):
 * what a client can query and send, and nothing else.
 *
 * - Federation plumbing goes: `_service`, `_entities`, `_Any`, `_Entity`, `_Service`, the link types, and
 *   the federation directives (`@key`, `@shareable`, ...). Composition checks those; clients never use
 *   them, and a manager schema uses the directives without defining them.
 * - Directive usages other than `@deprecated` and `@specifiedBy` go (introspection cannot show them, so
 *   a schema read from a URL and one read from a file compare alike).
 * - Descriptions go: the gateway words its own, and wording is not compatibility.
 * - A type extension with no definition beside it (a subgraph's `extend type ImageNode @key(...)`, which
 *   says the type is defined elsewhere) is not a definition, as in graphql-js.
 */
import {
  buildASTSchema,
  buildClientSchema,
  type DefinitionNode,
  type DocumentNode,
  type GraphQLSchema,
  type IntrospectionQuery,
  Kind,
  parse,
  printSchema,
  visit,
} from 'graphql';

const FEDERATION_DIRECTIVES = new Set([
  'key',
  'shareable',
  'external',
  'requires',
  'provides',
  'extends',
  'link',
  'tag',
  'override',
  'inaccessible',
  'composeDirective',
  'interfaceObject',
  'authenticated',
  'requiresScopes',
  'policy',
  'context',
  'fromContext',
  'cost',
  'listSize',
]);
const FEDERATION_TYPES = new Set([
  '_Any',
  '_Entity',
  '_Service',
  '_FieldSet',
  'FieldSet',
  'link__Import',
  'link__Purpose',
  'federation__FieldSet',
  'federation__Scope',
  'federation__Policy',
]);
const FEDERATION_ROOT_FIELDS = new Set(['_service', '_entities']);

export type SchemaInput = string | GraphQLSchema | IntrospectionQuery;

function typeName(definition: DefinitionNode): string | null {
  return 'name' in definition && definition.name ? definition.name.value : null;
}

/** Every description removed, wherever it is (types, fields, arguments, enum values, directives). */
function withoutDescriptions(document: DocumentNode): DocumentNode {
  return visit(document, {
    enter(node) {
      return 'description' in node && node.description ? { ...node, description: undefined } : undefined;
    },
  });
}

function built(input: SchemaInput): GraphQLSchema {
  if (typeof input === 'string') {
    const document = parse(input);
    const executable = document.definitions.some(
      (definition) =>
        definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION,
    );
    if (executable) throw new Error('it holds GraphQL operations, not a schema');
    return buildASTSchema(document, { assumeValidSDL: true });
  }
  return '__schema' in input ? buildClientSchema(input) : input;
}

/** The printed schema without federation plumbing, as a document. */
function comparableDocument(schema: GraphQLSchema): DocumentNode {
  const document = parse(printSchema(schema));
  const queryType = schema.getQueryType()?.name;
  const definitions = document.definitions.flatMap((definition): DefinitionNode[] => {
    if (definition.kind === Kind.DIRECTIVE_DEFINITION) {
      return FEDERATION_DIRECTIVES.has(definition.name.value) ? [] : [definition];
    }
    const name = typeName(definition);
    if (name !== null && FEDERATION_TYPES.has(name)) return [];
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION && name === queryType) {
      const fields = definition.fields?.filter((field) => !FEDERATION_ROOT_FIELDS.has(field.name.value));
      return [{ ...definition, fields }];
    }
    return [definition];
  });
  return withoutDescriptions({ ...document, definitions });
}

/** The schema as comparisons see it (see the module comment). Throws on text that is not a schema. */
export function comparableSchema(input: SchemaInput): GraphQLSchema {
  return buildASTSchema(comparableDocument(built(input)), { assumeValidSDL: true });
}
