/**
 * The gateway's HTTP server: GraphQL at `/admin/gql` (the manager's own path, so clients only change the
 * host), `/healthcheck` (200 while the process lives), `/readiness` (200 while the gateway can serve, 503
 * with the reasons while it cannot), `/metrics` (Prometheus) and `GET /` (the fronted manager's version
 * answer, which clients such as the web UI read to decide what to send). Yoga runs the Mesh with the
 * gateway's error masking. Closing it drains the requests in flight (http-drain.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useEngine } from '@envelop/core';
import type { MeshInstance } from '@graphql-mesh/runtime';
import type { Logger } from '@graphql-mesh/types';
import { createGraphQLError } from '@graphql-tools/utils';
import { parse } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import type { ManagerRefusal } from '../errors/index.ts';
import type { CallerIdentity } from '../trust/caller-identity.ts';
import type { ProxyTrust } from '../trust/trusted-proxies.ts';
import { fieldAtPath } from './error-locations.ts';
import { errorKind, maskError } from './error-masking.ts';
import { closeGracefully, trackInFlight } from './http-drain.ts';
import { requestLimitOptions, requestLimitPlugins } from './limits/index.ts';
import type { GatewayRuntime } from './observability/gateway-runtime.ts';
import { useRequestObserver } from './observability/request-observer.ts';
import { useCallerTrust } from './plugins/caller-trust.ts';
import { useCompiledExecution } from './plugins/compiled-execution.ts';
import { type ShadowOptions, useShadowV2 } from './plugins/shadow-v2.ts';
import type { RequestLimits } from './settings.ts';

export const GRAPHQL_PATH = '/admin/gql';

export interface ReadinessReport {
  ready: boolean;
  [detail: string]: unknown;
}

export interface GatewayServerOptions {
  mesh: MeshInstance;
  host: string;
  port: number;
  /** What a request may be (src/gateway/limits/). */
  limits: RequestLimits;
  readiness: (shuttingDown: boolean) => ReadinessReport | Promise<ReadinessReport>;
  /** Answers `GET /`; by default the fronted manager's own answer. */
  versionInfo: () => Promise<Response>;
  /** Peers whose forwarding headers are believed. */
  trustedProxies: ProxyTrust;
  /** Has the manager check a caller, for operations the gateway answers alone. */
  checkCaller: (caller: CallerIdentity) => Promise<ManagerRefusal | null>;
  /** Metrics, logger and circuits of the running gateway. */
  runtime: GatewayRuntime;
  /** How long closing waits for requests in flight. */
  shutdownGraceMs: number;
  /** Shadow mode (SHADOW_V2_URL); null or absent turns it off. */
  shadow?: ShadowOptions | null;
}

export interface GatewayServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Yoga logs every error it masks; a client's bad argument is not the operator's problem, an upstream fault
 * is worth a warning, and only the gateway's own faults are errors (with their stack).
 */
function errorLogger(logger: Logger) {
  return {
    debug: (...args: unknown[]) => logger.debug(...(args as string[])),
    info: (...args: unknown[]) => logger.info(...args),
    warn: (...args: unknown[]) => logger.warn(...args),
    error: (...args: unknown[]) => {
      const kind = errorKind(args[0]);
      if (kind === 'client') logger.debug(() => String((args[0] as Error).message));
      else if (kind === 'upstream') logger.warn(`upstream fault: ${String((args[0] as Error).message)}`);
      else logger.error(...args);
    },
  };
}

/** Yoga and Mesh each register graphql-js's validation rules; each runs once, or every error shows twice. */
const useDistinctValidationRules: Plugin = {
  onValidate({ params }) {
    const rules = params.rules;
    if (rules) rules.splice(0, rules.length, ...new Set(rules));
  },
};

/** Errors that came back from the manager get their place in the client's document (see error-locations.ts). */
const useClientLocations: Plugin = {
  onExecute({ args }) {
    return {
      onExecuteDone({ result, setResult }) {
        if (!('errors' in result) || !result.errors?.some((error) => !error.locations && error.path)) return;
        const errors = result.errors.map((error) => {
          const field =
            !error.locations && error.path
              ? fieldAtPath(args.document, args.operationName, error.path)
              : null;
          if (!field) return error;
          return createGraphQLError(error.message, {
            nodes: [field],
            path: error.path,
            extensions: error.extensions,
            ...(error.originalError ? { originalError: error.originalError } : {}),
          });
        });
        setResult({ ...result, errors });
      },
    };
  },
};

/**
 * Yoga marks validation errors with `GRAPHQL_VALIDATION_FAILED` after every other hook has run; the manager
 * does not, and legacy answers must read as the manager's.
 */
const useManagerValidationErrors: Plugin = {
  onResultProcess({ result }) {
    for (const single of Array.isArray(result) ? result : [result]) {
      for (const error of ('errors' in single && single.errors) || []) {
        const extensions = error.extensions as Record<string, unknown> | undefined;
        if (extensions?.code === 'GRAPHQL_VALIDATION_FAILED') delete extensions.code;
      }
    }
  },
};

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function operationalEndpoints(options: GatewayServerOptions, shuttingDown: () => boolean): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname === '/readiness') {
        return Promise.resolve(options.readiness(shuttingDown())).then((report) =>
          endResponse(json(report, report.ready ? 200 : 503)),
        );
      }
      if (url.pathname === '/metrics' && request.method === 'GET') {
        const { metrics } = options.runtime;
        return metrics
          .text()
          .then((text) =>
            endResponse(new Response(text, { headers: { 'content-type': metrics.contentType } })),
          );
      }
      if (url.pathname === '/' && request.method === 'GET') {
        return options
          .versionInfo()
          .then(endResponse, () => endResponse(json({ title: 'The legacy manager is unreachable.' }, 502)));
      }
    },
  };
}

export async function startGatewayServer(options: GatewayServerOptions): Promise<GatewayServer> {
  const { mesh } = options;
  let shuttingDown = false;
  const shadow = options.shadow ? useShadowV2(options.shadow) : null;
  const yoga = createYoga({
    // Mesh parses without locations (faster for its own SDK calls); clients get errors with locations, as
    // from the manager. Yoga caches parsed documents.
    plugins: [
      useRequestObserver(options.runtime),
      useCallerTrust({ trustedProxies: options.trustedProxies, checkCaller: options.checkCaller }),
      ...mesh.plugins,
      useEngine({ parse }),
      // After the parser is set: the token limit parses.
      ...requestLimitPlugins(options.limits),
      useCompiledExecution(),
      useDistinctValidationRules,
      useClientLocations,
      useManagerValidationErrors,
      operationalEndpoints(options, () => shuttingDown),
      ...(shadow ? [shadow] : []),
    ],
    graphqlEndpoint: GRAPHQL_PATH,
    healthCheckEndpoint: '/healthcheck',
    maskedErrors: { maskError },
    logging: errorLogger(mesh.logger),
    landingPage: false,
    // GraphiQL needs introspection.
    graphiql: options.limits.introspection ? { title: 'imagev2-gateway' } : false,
    ...requestLimitOptions(options.limits),
  });
  const server = createServer(yoga);
  const inFlight = trackInFlight(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    server,
    async close() {
      shuttingDown = true;
      shadow?.dispose();
      const { cutOff } = await closeGracefully(server, inFlight, options.shutdownGraceMs);
      if (cutOff > 0)
        options.runtime.logger.warn(`shutdown cut off ${cutOff} request(s) after the grace period`);
    },
  };
}
