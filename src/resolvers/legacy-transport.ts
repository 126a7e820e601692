/**
 * How the ImageV2 resolvers call the legacy GraphQL API: a pre-built document (legacy-documents.ts) handed
 * straight to the executor Mesh built for the legacy source, through the same per-request batching that
 * Mesh's own delegation uses. So, as with the in-context SDK, every call goes through Mesh's fetch and its
 * plugins (body keys, the caller's credentials, refusals, resilience), and calls made in the same tick
 * with the same context (a page and the caller's role, `nodes(ids)`, legacy fields beside them) share one
 * upstream request. What is skipped is the SDK's delegation: building a selection set per call, rewriting
 * it for the subschema and walking the answer back through the stitched schema.
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
  async call<T>(context: object, call: LegacyCall): Promise<T> {
    const { document, variables } = this.documents.request(call);
    const result = (await this.executorFor(context)({
      document,
      variables,
      operationType: OperationTypeNode.QUERY,
      context,
    })) as ExecutionResult<Record<string, T | null>>;
    const value = result.data?.[call.field];
    const error = value == null ? result.errors?.[0] : undefined;
    if (error) {
      throw new GraphQLError(error.message, {
        originalError: error,
        ...(error.extensions ? { extensions: error.extensions } : {}),
      });
    }
    return value as T;
  }
}
