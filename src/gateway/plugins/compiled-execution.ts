/**
 * Yoga plugin: a query the gateway has seen before runs compiled by graphql-jit over the same Mesh schema
 * and resolvers (ImageV2 resolvers, and for legacy fields Mesh's own delegation to the manager): only the
 * walk over the selection is compiled instead of interpreted. Which queries qualify is src/gateway/
 * compilable.ts; mutations, introspection and queries graphql-jit cannot compile keep Mesh's executor.
 *
 * A compiled query is kept per parsed document and operation name. Yoga caches parsed documents per query
 * text, so a query a client repeats is compiled once; one seen for the first time runs on the ordinary
 * executor, so queries sent only once (arguments written into the text) never pay for compiling.
 */
import { type Plugin as EnvelopPlugin, makeExecute } from '@envelop/core';
import { type DocumentNode, type ExecutionArgs, GraphQLError, type GraphQLSchema } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';
import { isCompilable } from '../compilable.ts';

/** Per document: operation name -> its compiled query, or null where compiling failed or does not apply. */
type Compiled = Map<string, CompiledQuery | null>;

/**
 * graphql-jit's errors carry their locations but not the nodes they come from, which the gateway's error
 * handling places errors by: they become plain errors at their path, which then get their place in the
 * client's document as any other.
 */
function plainError(error: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, {
    ...(error.path ? { path: error.path } : {}),
    ...(error.originalError ? { originalError: error.originalError } : {}),
    ...(error.extensions ? { extensions: error.extensions } : {}),
  });
}

/**
 * How many compiled queries are kept at most (the oldest go first): a compiled page query holds its
 * generated code, and a client sending many different queries twice must not grow the gateway without
 * end. The web UI sends a few dozen different ones.
 */
export const KEPT_COMPILED_QUERIES = 128;

export function useCompiledExecution(kept = KEPT_COMPILED_QUERIES): Plugin {
  const bySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Compiled>>();
  /** Every compiled query kept, oldest first, as (its document's entries, operation name). */
  const keptOrder: [Compiled, string][] = [];

  /** The compiled query, once the document is seen the second time; undefined before, null if none. */
  function compiledFor(args: ExecutionArgs): CompiledQuery | null | undefined {
    let documents = bySchema.get(args.schema);
    if (!documents) {
      documents = new WeakMap();
      bySchema.set(args.schema, documents);
    }
    const compiled = documents.get(args.document);
    if (!compiled) {
      documents.set(args.document, new Map());
      return undefined;
    }
    const key = args.operationName ?? '';
    if (!compiled.has(key)) {
      const result = isCompilable(args.schema, args.document, args.operationName)
        ? compileQuery(args.schema, args.document, args.operationName ?? undefined)
        : null;
      compiled.set(key, result && isCompiledQuery(result) ? result : null);
      keptOrder.push([compiled, key]);
      // A dropped query is compiled again when it comes back.
      if (keptOrder.length > kept) {
        const [entries, name] = keptOrder.shift() as [Compiled, string];
        entries.delete(name);
      }
    }
    return compiled.get(key);
  }

  const plugin: EnvelopPlugin = {
    onExecute({ args, executeFn, setExecuteFn }) {
      const compiled = compiledFor(args);
      if (!compiled) return;
      setExecuteFn(
        makeExecute(async (execution) => {
          const result = await compiled.query(
            execution.rootValue,
            execution.contextValue,
            execution.variableValues,
          );
          // Variables it cannot coerce: the executor answers those, with its status and messages.
          if (!('data' in result)) return executeFn(execution);
          if (!result.errors?.length) return Object.assign(result, { stringify: compiled.stringify });
          // Its compiled serialiser writes only what it knows of errors: such an answer is serialised
          // as any other.
          const { errors, ...rest } = result;
          return { errors: errors.map(plainError), ...rest };
        }),
      );
    },
  };
  return plugin as Plugin;
}
