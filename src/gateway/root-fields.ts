/**
 * The root fields an operation selects, following fragments, or null when it is not a query; and whether
 * those are all the gateway's own (see src/resolvers/own-root-fields.ts). Pure: the server uses it to
 * tell which operations it may run compiled.
 */
import { type DocumentNode, getOperationAST, Kind, type SelectionSetNode } from 'graphql';

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

const TYPENAME = '__typename';

/** Whether the operation selects at least one of `own` and nothing else but `__typename`. */
export function answeredByOwnResolvers(
  document: DocumentNode,
  operationName: string | null | undefined,
  own: ReadonlySet<string>,
): boolean {
  const fields = queryRootFields(document, operationName);
  if (!fields) return false;
  let owned = 0;
  for (const field of fields) {
    if (own.has(field)) owned += 1;
    else if (field !== TYPENAME) return false;
  }
  return owned > 0;
}
