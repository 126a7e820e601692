/**
 * The sandbox manager's HTTP server: `GET /` (versions), `POST /admin/gql` (and the older
 * `/admin/graphql`), and on 26.3 the REST image API, behind the release's API-version check and
 * authentication, with the manager's refusals (unknown paths and methods included). Around them: the
 * added latency, the request counters and the faults tests and benchmarks ask for.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  parse,
  Source,
  specifiedRules,
  type ValidationRule,
  validate,
} from 'graphql';
import { API_VERSIONS, authenticate, checkApiVersion } from './auth.ts';
import type { SandboxUser } from './dataset.ts';
import { ManagerError } from './errors.ts';
import type { SandboxContext, SandboxState } from './graphql-api.ts';
import { type ManagerVersion, RELEASES } from './releases.ts';
import { handleRest, REST_ROUTES } from './rest.ts';

export type Fault =
  | { kind: 'down' }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'malformed-json' };

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

export interface ServerOptions {
  host: string;
  port: number;
  version: ManagerVersion;
  /** The manager version `GET /` reports, e.g. `26.1.0`. */
  managerVersion: string;
  schema: GraphQLSchema;
  state: SandboxState;
  auth: boolean;
  /** false refuses introspection as 26.x managers do by default. */
  introspection: boolean;
  latencyMs: number;
  stats: SandboxStats;
  fault: () => Fault | null;
}

function send(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    server: 'BackendAI',
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  });
  response.end(body);
}

function sendError(response: ServerResponse, error: ManagerError, version: ManagerVersion) {
  send(response, error.status, JSON.stringify(error.body(version)), {
    'content-type': 'application/problem+json; charset=utf-8',
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Parsed documents by query text: clients repeat the same few queries, and parsing is most of the cost. */
const parsedDocuments = new Map<string, DocumentNode>();

function parseCached(query: string): DocumentNode {
  let document = parsedDocuments.get(query);
  if (!document) {
    document = parse(new Source(query));
    if (parsedDocuments.size > 1000) parsedDocuments.clear();
    parsedDocuments.set(query, document);
  }
  return document;
}

interface GraphQLParams {
  query: string;
  variables: Record<string, unknown> | null;
  operationName: string | null;
}

const inputError = (data: unknown) =>
  new ManagerError('invalidApiParameters', 'Input validation error', data);

/**
 * 25.6 and 26.1 (`check_api_params` with a trafaret): `query` a string, `variables` null or an object,
 * `operationName`/`operation_name` null or a string, and no other keys (`extensions` is refused).
 */
function readTrafaretParams(body: string): GraphQLParams {
  let raw: unknown;
  try {
    raw = body === '' ? {} : JSON.parse(body);
  } catch {
    throw new ManagerError('invalidApiParameters', 'Malformed body');
  }
  if (Array.isArray(raw)) throw inputError('value is not a dict');
  // `orig_params.copy()` fails on JSON scalars before any check: the manager answers 500.
  if (raw === null || typeof raw !== 'object') throw new ManagerError('internalServerError');
  const params = raw as Record<string, unknown>;
  const problems: Record<string, string> = {};
  if (!('query' in params)) problems.query = 'is required';
  else if (typeof params.query !== 'string') problems.query = 'value is not a string';
  const variables = params.variables ?? null;
  if (variables !== null && (typeof variables !== 'object' || Array.isArray(variables)))
    problems.variables = 'value is not a dict';
  const operationName = params.operationName ?? params.operation_name ?? null;
  if (operationName !== null && typeof operationName !== 'string')
    problems.operationName = 'value is not a string';
  for (const key of Object.keys(params)) {
    if (!['query', 'variables', 'operationName', 'operation_name'].includes(key))
      problems[key] = `${key} is not allowed key`;
  }
  if (Object.keys(problems).length > 0) throw inputError(problems);
  return {
    query: params.query as string,
    variables: variables as Record<string, unknown> | null,
    operationName: operationName as string | null,
  };
}

/** 26.3 (a pydantic `GraphQLRequest`): the same fields, other keys ignored, pydantic's messages. */
function readPydanticParams(body: string, url: string): GraphQLParams {
  const malformed = new ManagerError('malformedRequestBody', `Malformed body - URL: ${url}, Method: POST`);
  if (body === '') throw malformed;
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    throw malformed;
  }
  const params = (raw ?? {}) as Record<string, unknown>;
  const fail = (loc: string, msg: string, type: string) =>
    new ManagerError(
      'invalidParameters',
      `1 validation error for GraphQLRequest\n${loc}\n  ${msg} [type=${type}, input_value=${JSON.stringify(raw)}, input_type=dict]\n    For further information visit https://errors.pydantic.dev/2.11/v/${type}`,
    );
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw fail('', 'Input should be a valid dictionary or instance of GraphQLRequest', 'model_type');
  if (!('query' in params)) throw fail('query', 'Field required', 'missing');
  if (typeof params.query !== 'string') throw fail('query', 'Input should be a valid string', 'string_type');
  const variables = params.variables ?? null;
  if (variables !== null && (typeof variables !== 'object' || Array.isArray(variables)))
    throw fail('variables', 'Input should be a valid dictionary', 'dict_type');
  const operationName = params.operation_name ?? params.operationName ?? null;
  if (operationName !== null && typeof operationName !== 'string')
    throw fail('operation_name', 'Input should be a valid string', 'string_type');
  return {
    query: params.query,
    variables: variables as Record<string, unknown> | null,
    operationName: operationName as string | null,
  };
}

/** The GraphQL request body as the release reads it. */
export function readGraphQLParams(body: string, version: ManagerVersion, url: string): GraphQLParams {
  return version === '26.3' ? readPydanticParams(body, url) : readTrafaretParams(body);
}

/** The manager's `CustomIntrospectionRule`: only `__typename` when introspection is off. */
const noIntrospection: ValidationRule = (context) => ({
  Field(node) {
    const name = node.name.value;
    if (name.startsWith('__') && name !== '__typename')
      context.reportError(
        new GraphQLError(`Cannot query '${name}': introspection is disabled.`, { nodes: node }),
      );
  },
});

function countRootFields(document: DocumentNode, stats: SandboxStats): void {
  for (const definition of document.definitions) {
    if (definition.kind !== 'OperationDefinition') continue;
    for (const selection of (definition as OperationDefinitionNode).selectionSet.selections) {
      if (selection.kind === 'Field')
        stats.rootFields[selection.name.value] = (stats.rootFields[selection.name.value] ?? 0) + 1;
    }
  }
}

/** graphql-core's `ExecutionResult.formatted`: `data` always there (null when nothing ran), `errors` when any. */
function formatted(result: ExecutionResult): { data: unknown; errors?: unknown[] } {
  return {
    data: result.data ?? null,
    ...(result.errors ? { errors: result.errors.map((error) => error.toJSON()) } : {}),
  };
}

async function runGraphQL(params: GraphQLParams, caller: SandboxUser, options: ServerOptions) {
  let document: DocumentNode;
  try {
    document = parseCached(params.query);
  } catch (error) {
    return formatted({ errors: [error as GraphQLError] });
  }
  const rules = options.introspection ? specifiedRules : [...specifiedRules, noIntrospection];
  const errors = validate(options.schema, document, rules);
  if (errors.length > 0) return formatted({ errors });
  options.stats.graphqlRequests += 1;
  countRootFields(document, options.stats);
  const context: SandboxContext = { caller, state: options.state, version: options.version };
  return formatted(
    await execute({
      schema: options.schema,
      document,
      variableValues: params.variables ?? undefined,
      operationName: params.operationName,
      contextValue: context,
    }),
  );
}

/**
 * The answer's shape: graphql-core's `formatted` on 25.6/26.1 (bare data on the deprecated endpoint);
 * 26.3's pydantic `GraphQLResponse` always has both keys (`errors: null` when there are none).
 */
function graphqlAnswer(result: { data: unknown; errors?: unknown[] }, route: Route, version: ManagerVersion) {
  if (version === '26.3') return { data: result.data, errors: result.errors ?? null };
  return route === 'graphql' ? result.data : result;
}

type Route = 'hello' | 'gql' | 'graphql' | 'rest';

/** Which handler a path has on this release, and the methods it takes. */
function routeOf(path: string, version: ManagerVersion): { route: Route; methods: string[] } | null {
  if (path === '/' || path === '') return { route: 'hello', methods: ['GET'] };
  if (path === '/admin/gql') return { route: 'gql', methods: ['POST'] };
  if (path === '/admin/graphql') return { route: 'graphql', methods: ['POST'] };
  if (RELEASES[version].restImages) {
    const methods = REST_ROUTES.filter((route) => route.pattern.test(path)).map((route) => route.method);
    if (methods.length > 0) return { route: 'rest', methods };
  }
  return null;
}

async function route(request: IncomingMessage, response: ServerResponse, options: ServerOptions) {
  const { version } = options;
  const rawPath = request.url ?? '/';
  const path = rawPath.split('?')[0] as string;
  const method = request.method ?? 'GET';
  const target = routeOf(path, version);
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
  send(response, 200, JSON.stringify(graphqlAnswer(result, target.route, version)));
}

/** Adds the bytes of a response's body to the stats as it is sent. */
function countBytesSent(response: ServerResponse, stats: SandboxStats): void {
  const end = response.end.bind(response);
  response.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) stats.bytesSent += Buffer.byteLength(chunk);
    return (end as (...args: unknown[]) => ServerResponse)(chunk, ...rest);
  }) as typeof response.end;
}

export async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: ServerOptions,
): Promise<void> {
  options.stats.requests += 1;
  countBytesSent(response, options.stats);
  const path = (request.url ?? '/').split('?')[0] as string;
  options.stats.byPath[path] = (options.stats.byPath[path] ?? 0) + 1;
  const fault = options.fault();
  if (options.latencyMs > 0) await sleep(options.latencyMs);
  if (fault?.kind === 'slow') await sleep(fault.delayMs);
  if (fault?.kind === 'status') {
    await readBody(request);
    send(response, fault.status, fault.body ?? '<html><body><h1>503 Service Unavailable</h1></body></html>', {
      'content-type': 'text/html; charset=utf-8',
    });
    return;
  }
  if (fault?.kind === 'malformed-json') {
    await readBody(request);
    send(response, 200, '{"data": {"image_nodes": {"edges": [');
    return;
  }
  try {
    await route(request, response, options);
  } catch (error) {
    if (error instanceof ManagerError) sendError(response, error, options.version);
    else {
      console.error(error);
      sendError(response, new ManagerError('internalServerError'), options.version);
    }
  }
}

/** A listening server that can be taken down and brought back on the same port (the "down" fault). */
export class SandboxHttpServer {
  private server: Server;
  port = 0;

  constructor(private readonly options: ServerOptions) {
    this.server = this.create();
  }

  private create(): Server {
    const server = createServer((request, response) => {
      handle(request, response, this.options).catch((error) => {
        console.error(error);
        if (!response.headersSent) send(response, 500, '{}');
      });
    });
    server.keepAliveTimeout = 65_000;
    return server;
  }

  async listen(port = this.options.port): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, this.options.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Stops listening and drops open connections, so new connections are refused. */
  async stop(): Promise<void> {
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.server = this.create();
  }
}
