/**
 * A validation rule limiting the root fields of an operation: each one is its own upstream read, so a
 * request of thousands of them (aliased or not) is refused before anything runs. graphql-armor limits
 * aliases, depth, tokens and directives but not this. Pure: no I/O, tested directly.
 */
import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { queryLimitExceeded } from '../../errors/index.ts';

type FragmentLookup = (name: string) => FragmentDefinitionNode | null | undefined;

/**
 * The fields a selection set selects at its own level, through inline fragments and fragment spreads
 * (each fragment counted once per selection set, so a cycle cannot loop). `__typename` costs nothing.
 */
export function countLevelFields(
  selectionSet: SelectionSetNode,
  fragment: FragmentLookup,
  spread: Set<string> = new Set(),
): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countLevelFields(selection.selectionSet, fragment, spread);
    } else if (!spread.has(selection.name.value)) {
      spread.add(selection.name.value);
      const definition = fragment(selection.name.value);
      if (definition) count += countLevelFields(definition.selectionSet, fragment, spread);
    }
  }
  return count;
}

/** Refuses each operation with more than `max` root fields. */
export function maxRootFieldsRule(max: number) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const found = countLevelFields(operation.selectionSet, (name) => context.getFragment(name));
      if (found > max) {
        context.reportError(queryLimitExceeded(`Root fields limit of ${max} exceeded, found ${found}.`));
      }
      // The rule looks at the root only.
      return false;
    },
  });
}
