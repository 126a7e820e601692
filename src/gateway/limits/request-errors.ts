/**
 * Yoga refuses a request it cannot read with its own codes (`BAD_REQUEST`, `REQUEST_ENTITY_TOO_LARGE`) and,
 * for a client that accepts `application/json`, with HTTP 200 (the GraphQL-over-HTTP rule for its
 * "spec" errors): a body that is not JSON was answered 200. Here they become the gateway's coded errors
 * with the status they deserve (400, 405, 413), and the gateway's own refusals keep theirs.
 */
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode, malformedRequest, requestTooLarge } from '../../errors/index.ts';

interface HttpExtension {
  status?: number;
  headers?: Record<string, string>;
  spec?: boolean;
}

/** The gateway's refusals of a whole request: their HTTP status is the answer's. */
const REFUSAL_CODES = new Set<string>([
  ErrorCode.MalformedRequest,
  ErrorCode.RequestTooLarge,
  ErrorCode.QueryLimitExceeded,
  ErrorCode.IntrospectionDisabled,
  ErrorCode.CrossSiteRequestRefused,
]);

/**
 * The gateway's error for one of Yoga's request errors, or null for any other error. `maxBodyBytes` is
 * the limit in force, for the message.
 */
export function gatewayRequestError(error: GraphQLError, maxBodyBytes: number): GraphQLError | null {
  const code = error.extensions?.code;
  const http = (error.extensions?.http ?? {}) as HttpExtension;
  if (code === 'REQUEST_ENTITY_TOO_LARGE') return requestTooLarge(`the limit is ${maxBodyBytes} bytes`);
  if (code !== 'BAD_REQUEST') return null;
  // A batch of more operations than allowed: Yoga's message names the limit.
  if (http.status === 413) return requestTooLarge(error.message);
  return malformedRequest(error.message, {
    status: http.status ?? 400,
    ...(http.headers ? { headers: http.headers } : {}),
  });
}

/**
 * Yoga marks parse and validation errors as "spec" errors (HTTP 200 for `application/json`); the gateway's
 * refusals must keep their status. Returns whether the error is one.
 */
function keepRefusalStatus(error: GraphQLError): boolean {
  if (!REFUSAL_CODES.has(String(error.extensions?.code))) return false;
  const http = error.extensions.http as HttpExtension | undefined;
  if (http) delete http.spec;
  return true;
}

export function useGatewayRequestErrors(maxBodyBytes: number): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      const translate = <T extends { errors?: readonly GraphQLError[] }>(single: T): T => {
        if (!single.errors?.length) return single;
        const errors = single.errors.map((error) => {
          if (keepRefusalStatus(error)) return error;
          return gatewayRequestError(error, maxBodyBytes) ?? error;
        });
        return { ...single, errors };
      };
      if (Array.isArray(result)) setResult(result.map(translate));
      else if (!(Symbol.asyncIterator in result)) setResult(translate(result));
    },
  };
}
