/**
 * How the ImageV2 resolvers call the legacy GraphQL API: a pre-built document (legacy-documents.ts) handed
 * straight to the executor Mesh built for the legacy source, through the same per-request batching that
 * Mesh's own delegation uses. So, as with the in-context SDK, every call goes through Mesh's fetch and its
 * plugins (body keys, the caller's credentials, refusals, resilience), and calls made in the same tick
 * with the same context (a page and the caller's role, `nodes(ids)`, legacy fields beside them) share one
 * upstream request. What is skipped is the SDK's delegation: building a selection set per call, rewriting
 * it for the subschema and walking the answer back through the stitched schema.
 *
 * The calls a request makes in one tick are asked in one document of their own (cached like any other),
 * so Mesh has nothing to merge and rewrite per request when they are all the request asks.
 */
import { getBatchingExecutor } from '@graphql-tools/batch-execute';
import {
  type DocumentNode,
  type ExecutionResult,
  GraphQLError,
  type GraphQLSchema,
  OperationTypeNode,
} from 'graphql';
import { type LegacyCall, LegacyDocuments } from './legacy-documents.ts';

/** A graphql-tools executor, as far as the gateway uses one. */
type Executor = (request: {
  document: DocumentNode;
  variables: Record<string, unknown>;
  operationType: OperationTypeNode;
  context: object;
}) => unknown;

interface PendingCall {
  call: LegacyCall;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** What Mesh's stitching keeps of a source (a graphql-tools `Subschema`). */
interface SourceSubschema {
  name?: string;
  executor?: Executor;
  batch?: boolean;
  defer?: boolean;
  batchingOptions?: {
    dataLoaderOptions?: Parameters<typeof getBatchingExecutor>[2];
    extensionsReducer?: Parameters<typeof getBatchingExecutor>[3];
    defer?: boolean;
  };
}

function sourceSubschema(schema: GraphQLSchema, source: string): SourceSubschema {
  const stitching = schema.extensions.stitchingInfo as
    | { subschemaMap: Map<{ name?: string }, SourceSubschema> }
    | undefined;
  for (const [config, subschema] of stitching?.subschemaMap ?? []) {
    if (config.name === source) return subschema;
  }
  throw new Error(`the Mesh schema has no stitched source named "${source}"`);
}

export class LegacyTransport {
  private readonly subschema: SourceSubschema;
  private readonly executor: Executor;
  private readonly documents: LegacyDocuments;
  /** Per request (context): the calls made in this tick, asked together when it ends. */
  private readonly queues = new WeakMap<object, PendingCall[]>();

  /** `schema` is the stitched Mesh schema, as a root transform receives it. */
  constructor(schema: GraphQLSchema, source: string) {
    this.subschema = sourceSubschema(schema, source);
    if (!this.subschema.executor) throw new Error(`the source "${source}" has no executor`);
    this.executor = this.subschema.executor;
    const root = schema.getQueryType();
    if (!root) throw new Error('the Mesh schema has no query type');
    this.documents = new LegacyDocuments(root);
  }

  /** Mesh's batching executor for this context: the one its own delegation to the source uses. */
  private executorFor(context: object): Executor {
    const { batch, batchingOptions, defer } = this.subschema;
    if (!batch) return this.executor;
    return getBatchingExecutor(
      context,
      this.executor as never,
      batchingOptions?.dataLoaderOptions,
      batchingOptions?.extensionsReducer,
      batchingOptions?.defer ?? defer,
    ) as Executor;
  }

  /**
   * The value of the call's root field. An upstream failure, or the manager's own error for the field, is
   * thrown wrapping the executor's error (which the gateway's error masking reads to make a clear error),
   * without the upstream path: the client's error is placed at the field the client asked for.
   */
  call<T>(context: object, call: LegacyCall): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let queue = this.queues.get(context);
      if (!queue) {
        queue = [];
        this.queues.set(context, queue);
        // Mesh's batching dispatches after the promise jobs of this tick, so this joins its batch too.
        queueMicrotask(() => this.flush(context));
      }
      queue.push({ call, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  private async flush(context: object): Promise<void> {
    const queue = this.queues.get(context) ?? [];
    this.queues.delete(context);
    try {
      const { document, variables, aliases } = this.documents.request(queue.map((pending) => pending.call));
      const result = (await this.executorFor(context)({
        document,
        variables,
        operationType: OperationTypeNode.QUERY,
        context,
      })) as ExecutionResult<Record<string, unknown>>;
      queue.forEach((pending, i) => {
        const alias = aliases[i] as string;
        const value = result.data?.[alias];
        const error =
          value == null
            ? (result.errors?.find((candidate) => candidate.path?.[0] === alias) ??
              result.errors?.find((candidate) => !candidate.path?.length))
            : undefined;
        if (error) pending.reject(clientError(error));
        else pending.resolve(value ?? null);
      });
    } catch (error) {
      for (const pending of queue) pending.reject(error);
    }
  }
}

/** The manager's error or an upstream fault, to be placed at the client's field (not the upstream one). */
function clientError(error: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    ...(error.extensions ? { extensions: error.extensions } : {}),
  });
}
