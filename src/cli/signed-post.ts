/**
 * One signed GraphQL POST to an endpoint URL, as a Backend.AI client sends it: signed for that URL's own
 * path and host, with a body of only `query`, `variables` and `operationName` (managers up to 26.2 refuse
 * any other key). Never throws: a request that gets no answer says why.
 */
import { request } from 'undici';
import { signRequestHeaders } from '../auth/index.ts';
import type { RawAnswer } from '../compare/index.ts';

export interface SignedPostOptions {
  url: string;
  keypair: { accessKey: string; secretKey: string };
  query: string;
  variables: unknown;
  operationName: string | null;
  timeoutMs: number;
  apiVersion?: string | undefined;
}

/** An endpoint URL; `http://host:port` alone means the manager's GraphQL path on it, `/admin/gql`. */
export function endpointUrl(text: string): string {
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not an http(s) URL');
  if (url.pathname === '/') url.pathname = '/admin/gql';
  return url.toString();
}

export async function signedPost(options: SignedPostOptions): Promise<RawAnswer> {
  const headers = signRequestHeaders({
    ...options.keypair,
    method: 'POST',
    url: options.url,
    ...(options.apiVersion ? { apiVersion: options.apiVersion } : {}),
  });
  const body = JSON.stringify({
    query: options.query,
    variables: options.variables,
    ...(options.operationName ? { operationName: options.operationName } : {}),
  });
  try {
    const response = await request(options.url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    return { status: response.statusCode, body: await response.body.text() };
  } catch (error) {
    const { code, name, message } = error as { code?: string; name?: string; message?: string };
    const why = name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : (code ?? message);
    return { transportError: String(why ?? error) };
  }
}
