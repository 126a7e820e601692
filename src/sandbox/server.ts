/**
 * The sandbox manager's HTTP server: `GET /` (versions), `POST /admin/gql` (and the older
 * `/admin/graphql`), and on 26.3 the REST image API, each behind the release's authentication. Around them:
 * the added latency, the request counters and the faults tests and benchmarks ask for.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execute, type GraphQLSchema, parse, Source, validate } from 'graphql';
import { API_VERSIONS, authenticate, type Problem, ProblemError } from './auth.ts';
import type { SandboxUser } from './dataset.ts';
import type { SandboxContext, SandboxState } from './graphql-api.ts';
import type { ManagerVersion } from './legacy-schema.ts';
import { handleRest } from './rest.ts';

export type Fault =
  | { kind: 'down' }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'malformed-json' };

export interface SandboxStats {
  /** Requests served, faults included. */
  requests: number;
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

export interface ServerOptions {
  host: string;
  port: number;
  version: ManagerVersion;
  schema: GraphQLSchema;
  state: SandboxState;
  auth: boolean;
  latencyMs: number;
  stats: SandboxStats;
  fault: () => Fault | null;
}

function send(
  response: ServerResponse,
  status: number,
  body: string,
  contentType = 'application/json; charset=utf-8',
) {
  response.writeHead(status, {
    'content-type': contentType,
    server: 'BackendAI',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

function sendProblem(response: ServerResponse, problem: Problem) {
  send(response, problem.status, JSON.stringify(problem.body), 'application/problem+json');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const invalidApiParameters = (msg: string): Problem => ({
  status: 400,
  body: {
    type: 'https://api.backend.ai/probs/generic-bad-request',
    title: 'Invalid or Missing API Parameters.',
    error_code: 'api_generic_invalid-parameters',
    msg,
  },
});

const parsedDocuments = new Map<string, ReturnType<typeof parse>>();

function parseCached(query: string) {
  let document = parsedDocuments.get(query);
  if (!document) {
    document = parse(new Source(query));
    if (parsedDocuments.size > 1000) parsedDocuments.clear();
    parsedDocuments.set(query, document);
  }
  return document;
}

async function handleGraphQL(body: string, caller: SandboxUser, options: ServerOptions, dataOnly: boolean) {
  let params: { query?: unknown; variables?: unknown; operationName?: unknown; operation_name?: unknown };
  try {
    params = JSON.parse(body);
  } catch {
    throw new ProblemError(invalidApiParameters('Malformed body'));
  }
  if (typeof params?.query !== 'string') throw new ProblemError(invalidApiParameters('query: is required'));
  const operationName = (params.operationName ?? params.operation_name ?? null) as string | null;
  let document: ReturnType<typeof parse>;
  try {
    document = parseCached(params.query);
  } catch (error) {
    return {
      errors: [
        { message: (error as Error).message, locations: (error as { locations?: unknown }).locations },
      ],
    };
  }
  const errors = validate(options.schema, document);
  if (errors.length > 0) return { errors: errors.map((error) => error.toJSON()) };
  options.stats.graphqlRequests += 1;
  for (const definition of document.definitions) {
    if (definition.kind !== 'OperationDefinition') continue;
    for (const selection of definition.selectionSet.selections) {
      if (selection.kind === 'Field')
        options.stats.rootFields[selection.name.value] =
          (options.stats.rootFields[selection.name.value] ?? 0) + 1;
    }
  }
  const context: SandboxContext = { caller, state: options.state };
  const result = await execute({
    schema: options.schema,
    document,
    variableValues: (params.variables ?? undefined) as Record<string, unknown> | undefined,
    operationName,
    contextValue: context,
  });
  const formatted = {
    data: result.data ?? null,
    ...(result.errors ? { errors: result.errors.map((error) => error.toJSON()) } : {}),
  };
  if (dataOnly && result.errors) {
    throw new ProblemError({
      status: 400,
      body: {
        type: 'https://api.backend.ai/probs/graphql-error',
        title: 'GraphQL-generated error.',
        error_code: 'api_generic_internal-error',
        msg: JSON.stringify(formatted.errors),
      },
    });
  }
  return dataOnly ? formatted.data : formatted;
}

async function route(
  request: IncomingMessage,
  response: ServerResponse,
  options: ServerOptions,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://sandbox');
  const path = url.pathname;
  if (request.method === 'GET' && path === '/') {
    send(
      response,
      200,
      JSON.stringify({ version: API_VERSIONS[options.version].latest, manager: `${options.version}.0` }),
    );
    return;
  }
  const isGraphQL = request.method === 'POST' && (path === '/admin/gql' || path === '/admin/graphql');
  const isRest = options.version === '26.3' && path.startsWith('/admin/images/');
  if (!isGraphQL && !isRest) {
    send(response, 404, '404: Not Found', 'text/plain; charset=utf-8');
    return;
  }
  const body = await readBody(request);
  const caller = options.auth
    ? await authenticate(
        { method: request.method ?? 'GET', rawPath: request.url ?? '/', headers: request.headers },
        { version: options.version, users: options.state.dataset.users },
      )
    : (options.state.dataset.users.find((user) => user.role === 'superadmin') as SandboxUser);
  if (isGraphQL) {
    const result = await handleGraphQL(body, caller, options, path === '/admin/graphql');
    send(response, 200, JSON.stringify(result));
    return;
  }
  const rest = await handleRest({
    method: request.method ?? 'GET',
    path,
    body,
    caller,
    state: options.state,
  });
  send(
    response,
    rest.status,
    JSON.stringify(rest.body),
    rest.status >= 400 ? 'application/problem+json' : undefined,
  );
}

export async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: ServerOptions,
): Promise<void> {
  options.stats.requests += 1;
  const path = (request.url ?? '/').split('?')[0] as string;
  options.stats.byPath[path] = (options.stats.byPath[path] ?? 0) + 1;
  const fault = options.fault();
  if (options.latencyMs > 0) await sleep(options.latencyMs);
  if (fault?.kind === 'slow') await sleep(fault.delayMs);
  if (fault?.kind === 'status') {
    await readBody(request);
    send(
      response,
      fault.status,
      fault.body ?? '<html><body><h1>503 Service Unavailable</h1></body></html>',
      'text/html',
    );
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
    if (error instanceof ProblemError) sendProblem(response, error.problem);
    else {
      console.error(error);
      sendProblem(response, {
        status: 500,
        body: {
          type: 'https://api.backend.ai/probs/internal-server-error',
          title: 'Something has gone wrong.',
          error_code: 'api_generic_internal-error',
        },
      });
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
