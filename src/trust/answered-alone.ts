/**
 * Whether an operation is answered by the gateway alone, without asking the manager anything: a query whose
 * root fields are all introspection (`__schema`, `__type`, `__typename`). Such an operation carries none of
 * the caller's credentials upstream, so the gateway has the manager check them first (a manager refuses an
 * unauthenticated introspection query like any other).
 */
import { type DocumentNode, getOperationAST, Kind, type SelectionSetNode } from 'graphql';

const INTROSPECTION_FIELDS = new Set(['__schema', '__type', '__typename']);

function onlyIntrospection(
  selectionSet: SelectionSetNode,
  document: DocumentNode,
  seen: Set<string>,
): boolean {
  return selectionSet.selections.every((selection) => {
    if (selection.kind === Kind.FIELD) return INTROSPECTION_FIELDS.has(selection.name.value);
    if (selection.kind === Kind.INLINE_FRAGMENT)
      return onlyIntrospection(selection.selectionSet, document, seen);
    const name = selection.name.value;
    if (seen.has(name)) return true;
    seen.add(name);
    const fragment = document.definitions.find(
      (definition) => definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === name,
    );
    return (
      fragment?.kind === Kind.FRAGMENT_DEFINITION && onlyIntrospection(fragment.selectionSet, document, seen)
    );
  });
}

export function answeredWithoutManager(document: DocumentNode, operationName?: string | null): boolean {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== 'query') return false;
  return onlyIntrospection(operation.selectionSet, document, new Set());
}
