/**
 * Running one GraphQL request as the manager's endpoint does: parse (cached by text), validate (with the
 * introspection rule when introspection is off), execute with the caller's context, and shape the answer
 * as the release and endpoint do.
 */
import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLError,
  parse,
  Source,
  specifiedRules,
  type ValidationRule,
  validate,
} from 'graphql';
import type { SandboxUser } from '../data/types.ts';
import type { ManagerVersion } from '../releases.ts';
import type { SandboxContext } from '../state.ts';
import type { GraphQLParams } from './graphql-params.ts';
import type { ServerOptions } from './options.ts';
import { countRootFields } from './stats.ts';

/** Parsed documents by query text: clients repeat the same few queries, and parsing is most of the cost. */
const parsedDocuments = new Map<string, DocumentNode>();

function parseCached(query: string): DocumentNode {
  let document = parsedDocuments.get(query);
  if (!document) {
    document = parse(new Source(query));
    if (parsedDocuments.size > 1000) parsedDocuments.clear();
    parsedDocuments.set(query, document);
  }
  return document;
}

/** The manager's `CustomIntrospectionRule`: only `__typename` when introspection is off. */
const noIntrospection: ValidationRule = (context) => ({
  Field(node) {
    const name = node.name.value;
    if (name.startsWith('__') && name !== '__typename')
      context.reportError(
        new GraphQLError(`Cannot query '${name}': introspection is disabled.`, { nodes: node }),
      );
  },
});

/** graphql-core's `ExecutionResult.formatted`: `data` always there (null when nothing ran), `errors` when any. */
function formatted(result: ExecutionResult): { data: unknown; errors?: unknown[] } {
  return {
    data: result.data ?? null,
    ...(result.errors ? { errors: result.errors.map((error) => error.toJSON()) } : {}),
  };
}

export async function runGraphQL(params: GraphQLParams, caller: SandboxUser, options: ServerOptions) {
  let document: DocumentNode;
  try {
    document = parseCached(params.query);
  } catch (error) {
    return formatted({ errors: [error as GraphQLError] });
  }
  const rules = options.introspection ? specifiedRules : [...specifiedRules, noIntrospection];
  const errors = validate(options.schema, document, rules);
  if (errors.length > 0) return formatted({ errors });
  options.stats.graphqlRequests += 1;
  countRootFields(document, options.stats);
  const context: SandboxContext = { caller, state: options.state, version: options.version };
  return formatted(
    await execute({
      schema: options.schema,
      document,
      variableValues: params.variables ?? undefined,
      operationName: params.operationName,
      contextValue: context,
    }),
  );
}

/**
 * The answer's shape: graphql-core's `formatted` on 25.6/26.1 (bare data on the deprecated endpoint);
 * 26.3's pydantic `GraphQLResponse` always has both keys (`errors: null` when there are none).
 */
export function graphqlAnswer(
  result: { data: unknown; errors?: unknown[] },
  deprecatedEndpoint: boolean,
  version: ManagerVersion,
) {
  if (version === '26.3') return { data: result.data, errors: result.errors ?? null };
  return deprecatedEndpoint ? result.data : result;
}
