/**
 * Where in the client's document an error belongs. Errors the manager returns come back through Mesh's
 * delegation with their path but without the location in the client's own document (the request Mesh sent
 * upstream was printed anew); the manager, asked directly, would have given the location of the field at
 * that path. This finds it: each path key is a response name (alias or field name), list indices skipped,
 * fragments looked into.
 */
import type {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';

function findField(
  selectionSet: SelectionSetNode,
  responseKey: string,
  fragments: Map<string, FragmentDefinitionNode>,
  seen: Set<string>,
): FieldNode | undefined {
  for (const selection of selectionSet.selections) {
    if (selection.kind === 'Field') {
      if ((selection.alias ?? selection.name).value === responseKey) return selection;
    } else if (selection.kind === 'InlineFragment') {
      const found = findField(selection.selectionSet, responseKey, fragments, seen);
      if (found) return found;
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) continue;
      const found = findField(fragment.selectionSet, responseKey, fragments, new Set([...seen, name]));
      if (found) return found;
    }
  }
  return undefined;
}

/** The field at a response path of the operation, or null when the path leads nowhere. */
export function fieldAtPath(
  document: DocumentNode,
  operationName: string | null | undefined,
  path: readonly (string | number)[],
): FieldNode | null {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
  );
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return null;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition')
      .map((fragment) => [fragment.name.value, fragment]),
  );
  let selectionSet: SelectionSetNode | undefined = operation.selectionSet;
  let field: FieldNode | undefined;
  for (const key of path) {
    if (typeof key === 'number') continue;
    if (!selectionSet) return null;
    field = findField(selectionSet, key, fragments, new Set());
    if (!field) return null;
    selectionSet = field.selectionSet;
  }
  return field ?? null;
}
