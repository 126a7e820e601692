/**
 * The sandbox manager's routes and what happens on each: `GET /` (versions), `POST /admin/gql` (and the
 * deprecated `/admin/graphql`), on 26.3 the REST image API, and the extra routes the server is given
 * (extra-route.ts: the native v2 API). As in aiohttp, the route is resolved before any middleware (unknown
 * paths and methods are refused first), then the API version is checked, then the caller authenticated
 * (extra routes authenticate on their own). New routes are added in `routeOf` and handled in `serveRoute`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_VERSIONS, checkApiVersion } from '../auth/api-versions.ts';
import { authenticate } from '../auth/authenticate.ts';
import { ManagerError } from '../errors.ts';
import { type ManagerVersion, RELEASES } from '../releases.ts';
import { handleRest, REST_ROUTES } from '../rest/handler.ts';
import type { ExtraRoute } from './extra-route.ts';
import { graphqlAnswer, runGraphQL } from './graphql-endpoint.ts';
import { readGraphQLParams } from './graphql-params.ts';
import type { ServerOptions } from './options.ts';
import { readBody, send } from './responses.ts';

export type Route = 'hello' | 'gql' | 'graphql' | 'rest' | 'extra';

/** Which handler a path has on this release (or which extra route serves it), and the methods it takes. */
export function routeOf(
  path: string,
  version: ManagerVersion,
  extraRoutes: readonly ExtraRoute[] = [],
): { route: Route; methods: string[]; extra?: ExtraRoute } | null {
  if (path === '/' || path === '') return { route: 'hello', methods: ['GET'] };
  if (path === '/admin/gql') return { route: 'gql', methods: ['POST'] };
  if (path === '/admin/graphql') return { route: 'graphql', methods: ['POST'] };
  const extra = extraRoutes.find((candidate) => candidate.path === path);
  if (extra) return { route: 'extra', methods: extra.methods, extra };
  if (RELEASES[version].restImages) {
    const methods = REST_ROUTES.filter((route) => route.pattern.test(path)).map((route) => route.method);
    if (methods.length > 0) return { route: 'rest', methods };
  }
  return null;
}

/** Answers one request that no fault intercepted; refusals are thrown as ManagerErrors. */
export async function serveRoute(request: IncomingMessage, response: ServerResponse, options: ServerOptions) {
  const { version } = options;
  const rawPath = request.url ?? '/';
  const path = rawPath.split('?')[0] as string;
  const method = request.method ?? 'GET';
  const target = routeOf(path, version, options.extraRoutes);
  // aiohttp resolves the route before any middleware runs: unknown paths and methods come first.
  if (!target) throw new ManagerError('urlNotFound', undefined, path);
  if (!target.methods.includes(method) && !(method === 'HEAD' && target.methods.includes('GET'))) {
    await readBody(request);
    throw new ManagerError('methodNotAllowed');
  }
  checkApiVersion({ method, rawPath, headers: request.headers }, version);
  if (target.route === 'hello') {
    send(
      response,
      200,
      JSON.stringify({ version: API_VERSIONS[version].latest, manager: options.managerVersion }),
    );
    return;
  }
  const body = await readBody(request);
  if (target.extra) {
    const url = `http://${request.headers.host ?? options.host}${rawPath}`;
    const answer = await target.extra.handle({ method, rawPath, url, headers: request.headers, body });
    send(response, answer.status, answer.body, { 'content-type': answer.contentType });
    return;
  }
  const caller = options.auth
    ? await authenticate(
        { method, rawPath, headers: request.headers },
        { version, users: options.state.dataset.users },
      )
    : options.state.superadmin();
  const url = `http://${request.headers.host ?? options.host}${rawPath}`;
  if (target.route === 'rest') {
    const rest = handleRest({ method, path, url, body, caller, state: options.state });
    send(response, rest.status, JSON.stringify(rest.body));
    return;
  }
  const result = await runGraphQL(readGraphQLParams(body, version, url), caller, options);
  if (target.route === 'graphql' && result.errors) {
    // The deprecated endpoint answers any error as a GraphQLError problem.
    throw new ManagerError('graphqlError', undefined, result.errors);
  }
  send(response, 200, JSON.stringify(graphqlAnswer(result, target.route === 'graphql', version)));
}
