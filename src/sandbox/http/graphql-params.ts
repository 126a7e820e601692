/**
 * The GraphQL request body as each release reads it: 25.6 and 26.1 validate it with a trafaret (no keys
 * besides the three), 26.3 with a pydantic model (other keys ignored), each with its own messages.
 */
import { ManagerError } from '../errors.ts';
import type { ManagerVersion } from '../releases.ts';

export interface GraphQLParams {
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
