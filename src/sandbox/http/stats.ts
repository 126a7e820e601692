/** Request counters a sandbox keeps for tests and benchmarks (`sandbox.stats`). */
import type { ServerResponse } from 'node:http';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';

export interface SandboxStats {
  /** Requests received, faults included. */
  requests: number;
  /** Requests per path (without the query string). */
  byPath: Record<string, number>;
  /** GraphQL requests that reached execution. */
  graphqlRequests: number;
  /** How often each root field was asked for. */
  rootFields: Record<string, number>;
  /** Bytes of the response bodies sent. */
  bytesSent: number;
  reset(): void;
}

export function createStats(): SandboxStats {
  const stats: SandboxStats = {
    requests: 0,
    byPath: {},
    graphqlRequests: 0,
    rootFields: {},
    bytesSent: 0,
    reset() {
      stats.requests = 0;
      stats.byPath = {};
      stats.graphqlRequests = 0;
      stats.rootFields = {};
      stats.bytesSent = 0;
    },
  };
  return stats;
}

/** Counts the root fields of every operation in a document. */
export function countRootFields(document: DocumentNode, stats: SandboxStats): void {
  for (const definition of document.definitions) {
    if (definition.kind !== 'OperationDefinition') continue;
    for (const selection of (definition as OperationDefinitionNode).selectionSet.selections) {
      if (selection.kind === 'Field')
        stats.rootFields[selection.name.value] = (stats.rootFields[selection.name.value] ?? 0) + 1;
    }
  }
}

/** Adds the bytes of a response's body to the stats as it is sent. */
export function countBytesSent(response: ServerResponse, stats: SandboxStats): void {
  const end = response.end.bind(response);
  response.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) stats.bytesSent += Buffer.byteLength(chunk);
    return (end as (...args: unknown[]) => ServerResponse)(chunk, ...rest);
  }) as typeof response.end;
}
