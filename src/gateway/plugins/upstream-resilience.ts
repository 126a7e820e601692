/**
 * Mesh plugin: every call to the manager, from either source, is made resilient (see
 * ../resilient-call.ts): a timeout per attempt, bounded retries of reads, one circuit per source (the
 * legacy GraphQL endpoint `Legacy`, the REST API `LegacyRest`), metrics and log lines. It also passes the
 * client's request id to the manager as `x-request-id`. Configured in .meshrc.yaml (settings.ts names the
 * variables); keep it the last plugin, so that it wraps the fetch every other plugin has prepared.
 */
import type { MeshFetchRequestInit, MeshPlugin } from '@graphql-mesh/types';
import {
  CircuitBreaker,
  isReadOnlyGraphQLBody,
  isReadOnlyRestCall,
  REQUEST_ID_HEADER,
} from '../../resilience/index.ts';
import { runtimeOf } from '../observability/gateway-runtime.ts';
import { requestIdOf } from '../observability/request-observer.ts';
import { type ResilienceSettings, resilientCall } from '../resilient-call.ts';

export interface UpstreamResilienceOptions {
  /** The manager's base URL (`LEGACY_URL`): its `/admin/gql` is the GraphQL source, the rest REST. */
  legacyUrl: string;
  /** The running gateway's id (`GATEWAY_INSTANCE`), for its metrics, logger and readiness. */
  instance?: string;
  timeoutMs?: number | string;
  retries?: number | string;
  retryBackoffMs?: number | string;
  circuitFailureThreshold?: number | string;
  circuitOpenSeconds?: number | string;
}

export const GRAPHQL_SOURCE = 'Legacy';
export const REST_SOURCE = 'LegacyRest';

function count(options: UpstreamResilienceOptions, key: keyof UpstreamResilienceOptions, fallback: number) {
  const raw = options[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`upstream-resilience: ${key} must be a number of 0 or more, got ${JSON.stringify(raw)}`);
  return value;
}

export default function useUpstreamResilience(options: UpstreamResilienceOptions): MeshPlugin<unknown> {
  if (!options?.legacyUrl || !/^https?:\/\//.test(options.legacyUrl))
    throw new Error('upstream-resilience: `legacyUrl` must be the manager URL');
  const base = options.legacyUrl.replace(/\/+$/, '');
  const graphqlEndpoint = `${base}/admin/gql`;
  const settings: ResilienceSettings = {
    timeoutMs: count(options, 'timeoutMs', 30_000),
    retries: Math.floor(count(options, 'retries', 2)),
    backoffMs: count(options, 'retryBackoffMs', 100),
  };
  const circuitSettings = {
    failureThreshold: Math.floor(count(options, 'circuitFailureThreshold', 5)),
    openMs: count(options, 'circuitOpenSeconds', 10) * 1000,
  };
  const runtime = runtimeOf(options.instance);
  const { metrics, logger } = runtime;
  for (const source of [GRAPHQL_SOURCE, REST_SOURCE]) {
    const circuit = new CircuitBreaker(
      circuitSettings,
      () => performance.now(),
      (from, to) => {
        metrics.circuitTransitions.inc({ source, state: to });
        logger[to === 'open' ? 'warn' : 'info'](`circuit ${from} -> ${to}`, { source });
      },
    );
    runtime.circuits.set(source, circuit);
  }

  const sourceOf = (url: string): string | null => {
    const path = url.split(/[?#]/, 1)[0] ?? url;
    if (path === graphqlEndpoint) return GRAPHQL_SOURCE;
    return path === base || path.startsWith(`${base}/`) ? REST_SOURCE : null;
  };
  const isReadOnly = (source: string, url: string, init: MeshFetchRequestInit): boolean =>
    source === GRAPHQL_SOURCE
      ? isReadOnlyGraphQLBody(init.body)
      : isReadOnlyRestCall(init.method ?? 'GET', new URL(url).pathname);

  return {
    onFetch({ url, fetchFn, setFetchFn }) {
      if (sourceOf(url) === null) return;
      setFetchFn((callUrl, init = {}, context, info) => {
        const source = sourceOf(callUrl) ?? REST_SOURCE;
        const requestId = requestIdOf(context);
        const headers = requestId ? { ...init.headers, [REQUEST_ID_HEADER]: requestId } : init.headers;
        return resilientCall(
          async (signal) => fetchFn(callUrl, { ...init, headers, signal }, context, info),
          { source, readOnly: isReadOnly(source, callUrl, init), callerSignal: init.signal },
          {
            circuit: runtime.circuits.get(source) as CircuitBreaker,
            settings,
            metrics,
            logger: requestId ? logger.child({ requestId }) : logger,
          },
        );
      });
    },
  };
}
