/**
 * Limits on the query document, checked while it is parsed and validated, so a refused query costs no
 * upstream call: tokens (while parsing, so a huge document is not even fully parsed), depth, aliases and
 * directives (graphql-armor), and root fields (root-fields.ts). A limit of 0 is off. Every refusal is the
 * gateway's coded `queryLimitExceeded`, its detail saying which limit and what was found.
 */
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLError, ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { queryLimitExceeded } from '../../errors/index.ts';
import type { RequestLimits } from '../settings.ts';
import { maxRootFieldsRule } from './root-fields.ts';

/**
 * graphql-armor's own error reads "Syntax Error: Depth limit of 15 exceeded, found 16."; the gateway keeps
 * its detail under a native title and code. In validation the error is reported (so other rules still
 * report theirs); while parsing (no context) it is thrown, which stops the parse.
 */
function refuse(context: ValidationContext | null, error: GraphQLError): void {
  const coded = queryLimitExceeded(error.message.replace(/^Syntax Error:\s*/, ''));
  if (!context) throw coded;
  context.reportError(coded);
}

const ARMOR = { exposeLimits: true, propagateOnRejection: false, onReject: [refuse] };

export function queryLimitPlugins(limits: RequestLimits): Plugin[] {
  const plugins: Plugin[] = [];
  // Parsing with the token limit replaces the parser set before it, and parses with locations as well.
  if (limits.maxTokens > 0) plugins.push(maxTokensPlugin({ ...ARMOR, n: limits.maxTokens }) as Plugin);
  // Introspection is not counted: GraphiQL's own introspection query is deeper than any client query.
  if (limits.maxDepth > 0)
    plugins.push(maxDepthPlugin({ ...ARMOR, n: limits.maxDepth, ignoreIntrospection: true }) as Plugin);
  if (limits.maxAliases > 0) plugins.push(maxAliasesPlugin({ ...ARMOR, n: limits.maxAliases }) as Plugin);
  if (limits.maxDirectives > 0)
    plugins.push(maxDirectivesPlugin({ ...ARMOR, n: limits.maxDirectives }) as Plugin);
  if (limits.maxRootFields > 0) {
    const rule = maxRootFieldsRule(limits.maxRootFields);
    plugins.push({ onValidate: ({ addValidationRule }) => addValidationRule(rule) });
  }
  return plugins;
}
