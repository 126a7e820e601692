import { createGraphQLError } from '@graphql-tools/utils';
import { describe, expect, it } from 'vitest';
import { gatewayRequestError } from '../../../src/gateway/limits/request-errors.ts';
import { onTheWire } from '../../errors/wire.ts';

const yogaError = (message: string, code: string | undefined, http: Record<string, unknown>) =>
  createGraphQLError(message, { extensions: { ...(code ? { code } : {}), http } });

describe("gatewayRequestError: Yoga's request errors as the gateway's", () => {
  it.each([
    [
      'a body that is not JSON (Yoga answers it 200 to application/json clients)',
      yogaError('POST body sent invalid JSON.', 'BAD_REQUEST', { spec: true, status: 400 }),
      'Malformed request body. (POST body sent invalid JSON.)',
      'api_parsing_bad-request',
      { status: 400 },
    ],
    [
      'a body without a query',
      yogaError('Must provide query string.', 'BAD_REQUEST', { spec: true, status: 400 }),
      'Malformed request body. (Must provide query string.)',
      'api_parsing_bad-request',
      { status: 400 },
    ],
    [
      'a method other than GET and POST, keeping the Allow header',
      yogaError('GraphQL only supports GET and POST requests.', 'BAD_REQUEST', {
        status: 405,
        headers: { Allow: 'GET, POST' },
      }),
      'Malformed request body. (GraphQL only supports GET and POST requests.)',
      'api_parsing_bad-request',
      { status: 405, headers: { Allow: 'GET, POST' } },
    ],
    [
      'a body over the size limit',
      yogaError('Request body too large', 'REQUEST_ENTITY_TOO_LARGE', { status: 413 }),
      'Request body too large. (the limit is 1024 bytes)',
      'api_check-limit_bad-request',
      { status: 413, headers: { connection: 'close' } },
    ],
    [
      'a batch over the batch limit',
      yogaError('Batching is limited to 5 operations per request.', 'BAD_REQUEST', { status: 413 }),
      'Request body too large. (Batching is limited to 5 operations per request.)',
      'api_check-limit_bad-request',
      { status: 413, headers: { connection: 'close' } },
    ],
  ])('%s', (_name, error, message, code, http) => {
    const translated = gatewayRequestError(error, 1024);
    expect(translated?.message).toBe(message);
    expect(translated?.extensions).toEqual({ code, http });
    // What reaches the client: Yoga takes `http` out of the body.
    expect(onTheWire(translated!).message).toBe(message);
  });

  it('leaves any other error alone', () => {
    expect(gatewayRequestError(yogaError('Syntax Error: x', 'GRAPHQL_PARSE_FAILED', {}), 1024)).toBeNull();
    expect(
      gatewayRequestError(createGraphQLError('Cannot query field "x" on type "Query".'), 1024),
    ).toBeNull();
  });
});
