/**
 * Introspection switched off (`INTROSPECTION=off`): `__schema` and `__type` are refused with the manager's
 * own message (its `CustomIntrospectionRule`), and validation errors stop suggesting field names, which
 * would otherwise spell out the schema one guess at a time. `__typename` stays, as on the manager.
 */
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import type { ASTVisitor, ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { introspectionDisabled } from '../../errors/index.ts';

export function noIntrospectionRule(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      const name = node.name.value;
      if (name.startsWith('__') && name !== '__typename') {
        context.reportError(introspectionDisabled(name, node));
      }
    },
  };
}

export function introspectionPlugins(enabled: boolean): Plugin[] {
  if (enabled) return [];
  return [
    { onValidate: ({ addValidationRule }) => addValidationRule(noIntrospectionRule) },
    blockFieldSuggestionsPlugin({ mask: '' }) as Plugin,
  ];
}
