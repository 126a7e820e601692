/**
 * What "against a reference" covers. A reference may be a whole schema or, like the image type files of
 * the manager's repository, only some types and root fields. The served schema (the whole legacy API plus
 * ImageV2) is therefore cut down to the reference's footprint before comparing:
 *
 * - every type the reference defines, whole (a field the served type adds shows as an addition);
 * - of each root type, only the root fields the reference declares (a missing one shows as removed);
 * - every type those reach, so that a changed field type shows as a change, not as a removal
 *   (`sizeBytes: BigInt!` against `Int!` keeps `BigInt`, which then shows as an added type);
 * - only the directives the reference defines.
 *
 * Against a whole schema this compares everything the reference has; what the served schema adds beyond
 * it (new types and root fields, safe by definition) is listed only with the `full` scope.
 */
import {
  type DefinitionNode,
  type DocumentNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  Kind,
  parse,
  printSchema,
} from 'graphql';
import { reachableTypeNames } from '../schema/reachable.ts';

type Operation = 'query' | 'mutation' | 'subscription';
const OPERATIONS: Operation[] = ['query', 'mutation', 'subscription'];

function rootOf(schema: GraphQLSchema, operation: Operation): GraphQLObjectType | null | undefined {
  if (operation === 'query') return schema.getQueryType();
  return operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
}

/** Root fields to keep, by the served root type's name: those the reference's root of that operation has. */
function keptRootFields(served: GraphQLSchema, reference: GraphQLSchema): Map<string, Set<string>> {
  const kept = new Map<string, Set<string>>();
  for (const operation of OPERATIONS) {
    const root = rootOf(served, operation);
    if (!root) continue;
    kept.set(root.name, new Set(Object.keys(rootOf(reference, operation)?.getFields() ?? {})));
  }
  return kept;
}

function definitionName(definition: DefinitionNode): string | null {
  return 'name' in definition && definition.name ? definition.name.value : null;
}

function cut(
  document: DocumentNode,
  types: Set<string>,
  roots: Map<string, Set<string>>,
  directives: Set<string>,
) {
  const definitions = document.definitions.flatMap((definition): DefinitionNode[] => {
    const name = definitionName(definition);
    if (definition.kind === Kind.DIRECTIVE_DEFINITION) return directives.has(name ?? '') ? [definition] : [];
    if (definition.kind === Kind.SCHEMA_DEFINITION || name === null) return [definition];
    const rootFields = roots.get(name);
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION && rootFields) {
      const fields = definition.fields?.filter((field) => rootFields.has(field.name.value)) ?? [];
      return fields.length > 0 ? [{ ...definition, fields }] : [];
    }
    return types.has(name) ? [definition] : [];
  });
  const present = new Set(definitions.map(definitionName));
  return {
    ...document,
    definitions: definitions.flatMap((definition): DefinitionNode[] => {
      if (definition.kind !== Kind.SCHEMA_DEFINITION) return [definition];
      const operationTypes = definition.operationTypes.filter((op) => present.has(op.type.name.value));
      return operationTypes.length > 0 ? [{ ...definition, operationTypes }] : [];
    }),
  };
}

/** The served schema cut down to what `reference` covers (see the module comment). */
export function restrictToReference(served: GraphQLSchema, reference: GraphQLSchema): DocumentNode {
  const roots = keptRootFields(served, reference);
  const wholeTypes = Object.keys(reference.getTypeMap()).filter(
    (name) => !name.startsWith('__') && !roots.has(name),
  );
  const rootFields = [...roots].flatMap(([type, fields]) => [...fields].map((field) => ({ type, field })));
  const types = new Set(reachableTypeNames(served, { types: wholeTypes, fields: rootFields }));
  const directives = new Set(reference.getDirectives().map((directive) => directive.name));
  return cut(parse(printSchema(served)), types, roots, directives);
}
