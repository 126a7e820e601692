/**
 * Yoga plugin: gives every request an id and, for GraphQL requests, counts and times them and writes one
 * access log line. The id is the client's `x-request-id` when well formed, else a new UUID; it is sent back
 * in the response's `x-request-id`, put on every log line about the request and passed to the manager on
 * every upstream call (see plugins/upstream-resilience.ts).
 */
import { randomUUID } from 'node:crypto';
import { requestIdByRequest } from '@graphql-mesh/utils';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { acceptedRequestId, REQUEST_ID_HEADER } from '../../resilience/index.ts';
import type { GatewayRuntime } from './gateway-runtime.ts';
import type { OperationType, RequestOutcome } from './metrics.ts';

const requestIds = new WeakMap<Request, string>();

/** The id of the client request a Mesh context serves, if it serves one. */
export function requestIdOf(context: unknown): string | undefined {
  const request = (context as { request?: unknown } | null | undefined)?.request;
  return request instanceof Object ? requestIds.get(request as Request) : undefined;
}

interface Observed {
  startedAt: number;
  graphql: boolean;
  operationType: OperationType;
  operationName: string | null;
  hasData: boolean;
  errors: number;
}

/** What the answer came to, from its HTTP status and the GraphQL result it carried. */
export function requestOutcome(status: number, hasData: boolean, errors: number): RequestOutcome {
  if (status >= 400 && status < 500) return 'rejected';
  if (status >= 500 || !hasData) return 'failed';
  return errors > 0 ? 'partial' : 'ok';
}

function resultSummary(result: unknown): { hasData: boolean; errors: number } {
  const single = (Array.isArray(result) ? result[0] : result) as
    | { data?: unknown; errors?: readonly unknown[] }
    | undefined;
  return { hasData: single?.data != null, errors: single?.errors?.length ?? 0 };
}

export function useRequestObserver(runtime: GatewayRuntime): Plugin {
  const observed = new WeakMap<Request, Observed>();
  return {
    onRequest({ request }) {
      const id = acceptedRequestId(request.headers.get(REQUEST_ID_HEADER)) ?? randomUUID();
      requestIds.set(request, id);
      // Mesh's own fetch logger reads the id from here.
      requestIdByRequest.set(request, id);
      observed.set(request, {
        startedAt: performance.now(),
        graphql: false,
        operationType: 'unknown',
        operationName: null,
        hasData: false,
        errors: 0,
      });
    },
    onParams({ request, params }) {
      const entry = observed.get(request);
      if (!entry) return;
      entry.graphql = true;
      entry.operationName =
        typeof params.operationName === 'string' ? params.operationName.slice(0, 100) : null;
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      const entry = request && observed.get(request);
      if (entry)
        entry.operationType = getOperationAST(args.document, args.operationName)?.operation ?? 'unknown';
    },
    onResultProcess({ request, result }) {
      const entry = observed.get(request);
      if (entry) Object.assign(entry, resultSummary(result));
    },
    onResponse({ request, response }) {
      const id = requestIds.get(request);
      try {
        if (id) response.headers.set(REQUEST_ID_HEADER, id);
      } catch {
        // A response with immutable headers (none the gateway makes today) goes out without the id.
      }
      const entry = observed.get(request);
      if (!entry?.graphql) return;
      const seconds = (performance.now() - entry.startedAt) / 1000;
      const outcome = requestOutcome(response.status, entry.hasData, entry.errors);
      const labels = { operation_type: entry.operationType, outcome };
      runtime.metrics.requests.inc(labels);
      runtime.metrics.requestDuration.observe(labels, seconds);
      runtime.logger.info('request', {
        requestId: id,
        operationType: entry.operationType,
        ...(entry.operationName ? { operationName: entry.operationName } : {}),
        outcome,
        status: response.status,
        errors: entry.errors,
        durationMs: Math.round(seconds * 1000),
      });
    },
  };
}
