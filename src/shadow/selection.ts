/**
 * Which live requests shadow mode replays: queries that ask only for the native v2 API's root fields
 * (release names), so the native endpoint, which serves nothing else, can answer the same document; and of
 * those, a sampled share.
 */
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** The native API's image root fields (26.2 and later). */
export const SHADOWED_ROOT_FIELDS: ReadonlySet<string> = new Set([
  'adminImagesV2',
  'containerRegistryImagesV2',
  'imageV2',
]);

function operationOf(document: DocumentNode, operationName: string | null | undefined) {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operationName) return operations.find((operation) => operation.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

/** The root field names a selection set asks for, through fragments; null when a fragment is missing. */
function rootFields(
  document: DocumentNode,
  selectionSet: SelectionSetNode,
  seen = new Set<string>(),
): string[] | null {
  const names: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      names.push(selection.name.value);
      continue;
    }
    let inner: SelectionSetNode | undefined;
    if (selection.kind === Kind.INLINE_FRAGMENT) inner = selection.selectionSet;
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const name = selection.name.value;
      inner = document.definitions.find(
        (definition): definition is FragmentDefinitionNode =>
          definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === name,
      )?.selectionSet;
      if (!inner) return null;
    }
    const more = inner ? rootFields(document, inner, seen) : [];
    if (more === null) return null;
    names.push(...more);
  }
  return names;
}

/** Whether the operation is a query of native v2 root fields only (`__typename` aside). */
export function isShadowable(document: DocumentNode, operationName?: string | null): boolean {
  const operation = operationOf(document, operationName);
  if (operation?.operation !== 'query') return false;
  const names = rootFields(document, operation.selectionSet)?.filter((name) => name !== '__typename');
  return !!names && names.length > 0 && names.every((name) => SHADOWED_ROOT_FIELDS.has(name));
}

/** Whether this request is in the sampled share `rate` (0 to 1); `random` gives a number in [0, 1). */
export function sampled(rate: number, random: () => number = Math.random): boolean {
  return rate > 0 && random() < rate;
}
