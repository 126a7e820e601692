/**
 * `imagev2-gateway query`: sends one signed GraphQL request, as a Backend.AI client would, and prints the
 * answer. Handy for trying the gateway (or a manager) by hand.
 */
import { request } from 'undici';
import { signRequestHeaders } from '../auth/index.ts';

export interface QueryCommandOptions {
  url: string;
  accessKey: string;
  secretKey: string;
  variables?: string;
  apiVersion?: string;
}

export async function runQueryCommand(query: string, options: QueryCommandOptions): Promise<number> {
  const url = `${options.url.replace(/\/+$/, '')}/admin/gql`;
  let variables: unknown = {};
  if (options.variables) {
    try {
      variables = JSON.parse(options.variables);
    } catch {
      console.error('--variables must be a JSON object');
      return 2;
    }
  }
  const headers = signRequestHeaders({
    accessKey: options.accessKey,
    secretKey: options.secretKey,
    method: 'POST',
    url,
    ...(options.apiVersion ? { apiVersion: options.apiVersion } : {}),
  });
  const response = await request(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.body.text();
  try {
    console.log(JSON.stringify(JSON.parse(text), null, 2));
  } catch {
    console.log(text);
  }
  return response.statusCode === 200 ? 0 : 1;
}
