/** Test clients that talk to a manager or the gateway the way Backend.AI clients do: signed HTTP. */
import { request } from 'undici';
import { signRequestHeaders } from '../../src/auth/index.ts';

export interface Keypair {
  accessKey: string;
  secretKey: string;
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  body: {
    data?: T | null;
    errors?: {
      message: string;
      path?: (string | number)[];
      locations?: unknown;
      extensions?: Record<string, unknown>;
    }[];
  } & Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

export interface PostOptions {
  keypair?: Keypair | null;
  variables?: Record<string, unknown>;
  operationName?: string;
  headers?: Record<string, string>;
  path?: string;
  date?: Date;
  apiVersion?: string;
  /** The request's `extensions` body key, which GraphQL clients such as Apollo's send. */
  extensions?: Record<string, unknown>;
}

/** POSTs a GraphQL request to `<base>/admin/gql`, signed for exactly the URL it goes to. */
export async function postGraphQL<T = Record<string, unknown>>(
  baseUrl: string,
  query: string,
  options: PostOptions = {},
): Promise<GraphQLResponse<T>> {
  const url = `${baseUrl}${options.path ?? '/admin/gql'}`;
  const signed = options.keypair
    ? signRequestHeaders({
        ...options.keypair,
        method: 'POST',
        url,
        ...(options.date ? { date: options.date } : {}),
        ...(options.apiVersion ? { apiVersion: options.apiVersion } : {}),
      })
    : { 'content-type': 'application/json' };
  const response = await request(url, {
    method: 'POST',
    headers: { ...signed, ...options.headers },
    body: JSON.stringify({
      query,
      variables: options.variables ?? {},
      ...(options.operationName ? { operationName: options.operationName } : {}),
      ...(options.extensions ? { extensions: options.extensions } : {}),
    }),
  });
  const text = await response.body.text();
  let body: GraphQLResponse<T>['body'];
  try {
    body = JSON.parse(text);
  } catch {
    body = { raw: text };
  }
  return { status: response.statusCode, body, headers: response.headers };
}

/** The data of a successful answer; fails the test with the errors otherwise. */
export function dataOf<T>(response: GraphQLResponse<T>): T {
  if (response.status !== 200 || response.body.errors?.length || !response.body.data) {
    throw new Error(`expected data, got HTTP ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body.data;
}
