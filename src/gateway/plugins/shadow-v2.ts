/**
 * Yoga plugin for shadow mode (SHADOW_V2_URL): a sampled share of live v2 queries is replayed against a
 * native v2 endpoint and the answers compared (src/shadow). The client is never kept waiting: the request
 * is only noted while it is served, and the replay is queued once the response has been sent; a full
 * queue drops it. Nothing here can change the client's answer, and nothing here throws into Yoga.
 */
import type { ServerResponse } from 'node:http';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import type { CompareRules } from '../../compare/index.ts';
import { callerCredentialsFor } from '../../shadow/caller-credentials.ts';
import { countShadowRequest } from '../../shadow/metrics.ts';
import { BoundedQueue } from '../../shadow/queue.ts';
import { replayShadow, type ShadowJob } from '../../shadow/replay.ts';
import { isShadowable, sampled } from '../../shadow/selection.ts';
import { callerOf } from '../../trust/request-trust.ts';

export interface ShadowOptions {
  /** The native v2 endpoint. */
  url: string;
  /** Share of v2 queries replayed, 0 to 1. */
  sampleRate: number;
  /** How long a replay may take. */
  timeoutMs: number;
  /** Replays that may wait; more are dropped (and counted). */
  queueSize: number;
  rules: CompareRules;
  logger: { warn(message: string): void; debug(message: string): void };
  /** Replays in flight at once. */
  concurrency?: number;
}

interface ServedRequest {
  request?: Request;
  params?: GraphQLParams;
  req?: { socket?: { remoteAddress?: string } };
  res?: ServerResponse;
}

/** What a sampled request needs for its replay, noted while it is served. */
interface Noted {
  label: string;
  body: string;
  headers: Record<string, string>;
}

export type ShadowPlugin = Plugin & { dispose(): void };

function note(context: ServedRequest, operationName: string | null): Noted | null {
  const { request, params } = context;
  // A GET's signature covers its query string; replayed as a POST it would only be refused.
  if (request?.method !== 'POST' || !params?.query) return null;
  const credentials = callerCredentialsFor(callerOf(request));
  if (!credentials) {
    countShadowRequest('no-credentials');
    return null;
  }
  const contentType = request.headers.get('content-type') ?? '';
  const headers = {
    ...credentials,
    'content-type': contentType.startsWith('application/json') ? contentType : 'application/json',
  };
  const body = JSON.stringify({
    query: params.query,
    variables: params.variables ?? {},
    ...(operationName ? { operationName } : {}),
  });
  return { label: operationName ?? '(anonymous)', body, headers };
}

export function useShadowV2(options: ShadowOptions): ShadowPlugin {
  const queue = new BoundedQueue({
    capacity: options.queueSize,
    concurrency: options.concurrency ?? 2,
    timeoutMs: options.timeoutMs,
  });
  const target = { url: options.url, rules: options.rules, logger: options.logger };
  const noted = new WeakMap<Request, Noted>();

  const enqueue = (job: ShadowJob) => {
    if (!queue.offer((signal) => replayShadow(job, target, signal))) countShadowRequest('dropped');
  };

  return {
    dispose: () => queue.close(),
    onExecute({ args }) {
      try {
        const context = args.contextValue as ServedRequest;
        if (!context.request || !sampled(options.sampleRate)) return;
        const operationName = args.operationName ?? null;
        if (!isShadowable(args.document, operationName)) return;
        const entry = note(context, operationName);
        if (entry) noted.set(context.request, entry);
      } catch (error) {
        options.logger.debug(`shadow: not replayed (${(error as Error).message})`);
      }
    },
    onResultProcess({ request, result, serverContext }) {
      const entry = noted.get(request);
      if (!entry) return;
      noted.delete(request);
      if (Array.isArray(result) || Symbol.asyncIterator in result) return;
      const response = (serverContext as ServedRequest).res;
      const job: ShadowJob = {
        ...entry,
        // Read once the replay is compared: serialising the answer costs the client nothing then.
        gatewayAnswer: () => ({ status: response?.statusCode ?? 200, body: JSON.stringify(result) }),
      };
      // After the response has gone to the client (or the client has gone), never before.
      if (response && !response.writableFinished) response.once('close', () => enqueue(job));
      else setImmediate(() => enqueue(job));
    },
  };
}
