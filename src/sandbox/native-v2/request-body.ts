/**
 * The request body as 26.2 reads it on `/admin/gql/strawberry`: strawberry's own aiohttp view
 * (`parse_http_body`), not the manager's parameter checks. A JSON body of any JSON content type, with
 * `query`, `variables`, `operationName` and `extensions` (other keys ignored); refusals are HTTP 400 with a
 * plain-text reason. From 26.3 the manager's pydantic `GraphQLRequest` reads it, as on `/admin/gql`.
 */

export interface NativeRequest {
  query: string;
  variables: Record<string, unknown> | null;
  operationName: string | null;
}

/** The parsed request, or strawberry's plain-text reason for a 400. */
export function readStrawberryBody(contentType: string, body: string): NativeRequest | { refusal: string } {
  if (!contentType.toLowerCase().includes('application/json')) return { refusal: 'Unsupported content type' };
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return { refusal: 'Unable to parse request body as JSON' };
  }
  if (Array.isArray(data)) return { refusal: 'Batching is not enabled' };
  if (data === null || typeof data !== 'object') return { refusal: 'Unable to parse request body as JSON' };
  const { query, variables, extensions, operationName } = data as Record<string, unknown>;
  const isObjectOrNull = (value: unknown) =>
    value === undefined || value === null || (typeof value === 'object' && !Array.isArray(value));
  if (query !== undefined && query !== null && typeof query !== 'string')
    return { refusal: "The GraphQL operation's `query` must be a string or null, if provided." };
  if (!isObjectOrNull(variables))
    return { refusal: "The GraphQL operation's `variables` must be an object or null, if provided." };
  if (!isObjectOrNull(extensions))
    return { refusal: "The GraphQL operation's `extensions` must be an object or null, if provided." };
  if (typeof query !== 'string') return { refusal: 'No GraphQL query found in the request' };
  return {
    query,
    variables: (variables ?? null) as Record<string, unknown> | null,
    operationName: typeof operationName === 'string' ? operationName : null,
  };
}
