/** Calling a sandbox over real HTTP as its two demo users, for the sandbox's own tests. */
import { request } from 'undici';
import { afterEach } from 'vitest';
import { signRequestHeaders } from '../../src/auth/index.ts';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/index.ts';
import { type GraphQLResponse, postGraphQL } from '../support/client.ts';

export type Who = 'superadmin' | 'user';

/** Sandboxes started in a test, closed after it. */
export function sandboxesClosedAfterEach() {
  const started: Sandbox[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((sandbox) => sandbox.close()));
  });
  return async (options: SandboxOptions = {}) => {
    const sandbox = await startSandbox({ port: 0, ...options });
    started.push(sandbox);
    return sandbox;
  };
}

const apiVersionOf = (sandbox: Sandbox) => (sandbox.version === '25.6' ? 'v8.20240915' : 'v9.20250722');

export function gql<T = Record<string, unknown>>(
  sandbox: Sandbox,
  query: string,
  who: Who = 'superadmin',
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse<T>> {
  return postGraphQL<T>(sandbox.url, query, {
    keypair: sandbox.credentials[who],
    variables,
    apiVersion: apiVersionOf(sandbox),
  });
}

/** The data of an answer without errors; fails with the errors otherwise. */
export async function data<T = Record<string, unknown>>(
  sandbox: Sandbox,
  query: string,
  who: Who = 'superadmin',
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await gql<T>(sandbox, query, who, variables);
  if (response.status !== 200 || response.body.errors?.length || !response.body.data)
    throw new Error(`expected data, got HTTP ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.data;
}

/** The message of the first error of an answer (which must have one). */
export async function errorOf(
  sandbox: Sandbox,
  query: string,
  who: Who = 'superadmin',
  variables: Record<string, unknown> = {},
): Promise<string> {
  const response = await gql(sandbox, query, who, variables);
  const message = response.body.errors?.[0]?.message;
  if (message === undefined) throw new Error(`expected an error, got ${JSON.stringify(response.body)}`);
  return message;
}

/** A parsed JSON body, read freely by the assertions that look into it. */
// biome-ignore lint/suspicious/noExplicitAny: test bodies are checked by the assertions themselves.
type JsonObject = Record<string, any>;

/** A signed request of any method and path, with its status and parsed body. */
export async function call(
  sandbox: Sandbox,
  method: string,
  path: string,
  options: { body?: unknown; who?: Who | null; rawBody?: string; headers?: Record<string, string> } = {},
) {
  const url = `${sandbox.url}${path}`;
  const signed =
    options.who === null
      ? {}
      : signRequestHeaders({
          ...sandbox.credentials[options.who ?? 'superadmin'],
          method,
          url,
          apiVersion: apiVersionOf(sandbox),
        });
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await request(url, {
    method: method as 'GET',
    headers: { ...signed, ...options.headers },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.body.text();
  let parsed: JsonObject;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = { raw: text };
  }
  return { status: response.statusCode, headers: response.headers, body: parsed };
}
