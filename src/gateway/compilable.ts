/**
 * Which operations the gateway may run compiled by graphql-jit (src/gateway/plugins/compiled-execution.ts):
 * queries, except introspection (answered by the gateway alone, and rare), operations with a variable of a
 * recursive input type, which graphql-jit cannot compile, and operations that select an interface or a
 * union. Mutations keep the executor. Pure.
 */
import {
  type DocumentNode,
  type GraphQLInputObjectType,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  isAbstractType,
  isInputObjectType,
  Kind,
  type SelectionSetNode,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';

function collect(
  selectionSet: SelectionSetNode,
  document: DocumentNode,
  names: Set<string>,
  seen: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      names.add(selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collect(selection.selectionSet, document, names, seen);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = document.definitions.find(
        (definition) =>
          definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === selection.name.value,
      );
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION) collect(fragment.selectionSet, document, names, seen);
    }
  }
}

export function queryRootFields(document: DocumentNode, operationName?: string | null): Set<string> | null {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== 'query') return null;
  const names = new Set<string>();
  collect(operation.selectionSet, document, names, new Set());
  return names;
}

function recursiveInput(type: GraphQLInputObjectType, path: Set<string>): boolean {
  if (path.has(type.name)) return true;
  path.add(type.name);
  for (const field of Object.values(type.getFields())) {
    const named = getNamedType(field.type);
    if (isInputObjectType(named) && recursiveInput(named, path)) return true;
  }
  path.delete(type.name);
  return false;
}

/**
 * Whether a variable of the operation has an input type that contains itself (such as `ImageV2Filter`
 * with its `AND`/`OR`/`NOT` lists). graphql-jit compiles variable parsing by unrolling input types, and
 * never finishes on such a type (it runs out of memory), so these operations are not compiled.
 */
export function hasRecursiveInputVariable(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
): boolean {
  const operation = getOperationAST(document, operationName);
  for (const definition of operation?.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type);
    const named = type && getNamedType(type);
    if (named && isInputObjectType(named) && recursiveInput(named, new Set())) return true;
  }
  return false;
}

/**
 * Whether the operation selects a field of an interface or union type (`node`, `nodes`). graphql-jit
 * calls a type's `resolveType` and uses its answer at once, where graphql-js awaits it; the release
 * profile's renames (transform-rename) make every `resolveType` async, so a compiled `nodes` query failed
 * with "Abstract type Node must resolve to an Object type at runtime". Such operations keep the executor.
 */
export function selectsAbstractType(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
): boolean {
  const operation = getOperationAST(document, operationName);
  if (!operation) return false;
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  const typeInfo = new TypeInfo(schema);
  let found = false;
  const visitor = visitWithTypeInfo(typeInfo, {
    Field() {
      const type = typeInfo.getType();
      if (type && isAbstractType(getNamedType(type))) found = true;
    },
  });
  // Fragments are visited whole, used or not: a compiled query is only an optimisation, so erring on the
  // side of the executor costs nothing but speed.
  for (const definition of [operation, ...fragments]) {
    if (!found) visit(definition, visitor);
  }
  return found;
}

const INTROSPECTION = new Set(['__schema', '__type']);

export function isCompilable(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
): boolean {
  const fields = queryRootFields(document, operationName);
  if (!fields || fields.size === 0) return false;
  for (const field of fields) if (INTROSPECTION.has(field)) return false;
  return (
    !hasRecursiveInputVariable(schema, document, operationName) &&
    !selectsAbstractType(schema, document, operationName)
  );
}
