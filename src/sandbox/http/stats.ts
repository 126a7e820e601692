/** Request counters a sandbox keeps for tests and benchmarks (`sandbox.stats`). */
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
  reset(): void;
}

export function createStats(): SandboxStats {
  const stats: SandboxStats = {
    requests: 0,
    byPath: {},
    graphqlRequests: 0,
    rootFields: {},
    reset() {
      stats.requests = 0;
      stats.byPath = {};
      stats.graphqlRequests = 0;
      stats.rootFields = {};
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
