/** What maskError lets a client see, case by case: each case is a fault that once reached, or could reach, a client. */
import { createGraphQLError } from '@graphql-tools/utils';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors/index.ts';
import {
  errorKind,
  maskError,
  UNEXPECTED_ERROR_MESSAGE,
  upstreamFaultError,
} from '../../src/gateway/error-masking.ts';

const MANAGER_ADDRESS = '10.20.30.40:8081';

function visible(error: Error): string {
  return JSON.stringify(error instanceof GraphQLError ? error.toJSON() : { message: error.message });
}

describe('maskError', () => {
  it("hides a gateway fault's own message behind 'Unexpected error.' with the internal code", () => {
    const fault = new TypeError(
      `Cannot read properties of undefined (reading 'row_id') at http://${MANAGER_ADDRESS}`,
    );
    const masked = maskError(createGraphQLError(fault.message, { originalError: fault, path: ['imagesV2'] }));
    expect(masked).toMatchObject({
      message: UNEXPECTED_ERROR_MESSAGE,
      path: ['imagesV2'],
      extensions: { code: ErrorCode.InternalError },
    });
    expect(visible(masked)).not.toContain('row_id');
    expect(errorKind(createGraphQLError('x', { originalError: fault }))).toBe('internal');
  });

  it('keeps only public extensions: no originalError, request or response dumps', () => {
    const deliberate = createGraphQLError('Invalid GraphQL parameters. (first must be positive)', {
      extensions: {
        code: 'api_generic_invalid-parameters',
        http: { status: 200 },
        originalError: { stack: 'Error: at x.ts:1:1' },
        request: { body: `{"query":"{ image_nodes }"}`, url: `http://${MANAGER_ADDRESS}/admin/gql` },
        response: { body: 'secret' },
      },
    });
    const masked = maskError(deliberate) as GraphQLError;
    expect(masked.extensions).toEqual({ code: 'api_generic_invalid-parameters', http: { status: 200 } });
    expect(visible(masked)).not.toMatch(new RegExp(`${MANAGER_ADDRESS}|stack|secret|image_nodes`));
  });

  it.each([
    ['ECONNREFUSED', 'The legacy manager is unreachable. (ECONNREFUSED)'],
    ['ECONNRESET', 'The legacy manager is unreachable. (ECONNRESET)'],
    ['UND_ERR_SOCKET', 'The legacy manager is unreachable. (UND_ERR_SOCKET)'],
  ])(
    'turns a transport error with code %s on a REST or registry call into a message without the address',
    (code, message) => {
      const transport = Object.assign(new Error(`connect ${code} ${MANAGER_ADDRESS}`), { code });
      const wrapped = createGraphQLError(`request to http://${MANAGER_ADDRESS}/admin/images/search failed`, {
        originalError: transport,
        path: ['imageV2', 'metadata', 'createdAt'],
      });
      const masked = maskError(wrapped);
      expect(masked.message).toBe(message);
      expect(visible(masked)).not.toContain(MANAGER_ADDRESS);
      expect(upstreamFaultError(transport)?.message).toBe(message);
    },
  );

  it('passes a deliberate gateway error through with its message and code', () => {
    const error = createGraphQLError('Admin exclusive access.', {
      extensions: { code: 'backendai_generic_internal-error' },
    });
    expect(maskError(error)).toMatchObject({
      message: 'Admin exclusive access.',
      extensions: { code: 'backendai_generic_internal-error' },
    });
  });

  // Regression: outside production Mesh moves the cause into extensions.originalError, and the gateway
  // fault's own text ("GraphQLError is not defined") reached the client.
  it('masks a gateway fault whose cause Mesh stashed in extensions.originalError', () => {
    const copy = createGraphQLError('GraphQLError is not defined', {
      path: ['imagesV2'],
      extensions: {
        originalError: { name: 'ReferenceError', message: 'GraphQLError is not defined', stack: 'x' },
      },
    });
    expect(maskError(copy)).toMatchObject({
      message: UNEXPECTED_ERROR_MESSAGE,
      extensions: { code: ErrorCode.InternalError },
    });
  });

  it("shows a built-in scalar's refusal of a value as the field's error, as the native API does", () => {
    const cause = new Error('Int cannot represent non 32-bit signed integer value: 3000000000');
    const masked = maskError(createGraphQLError(cause.message, { originalError: cause, path: ['imageV2'] }));
    expect(masked.message).toBe(cause.message);
  });
});
