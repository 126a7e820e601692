/**
 * Requests the gateway refuses before it runs them (so before any upstream call): a body that is not a
 * GraphQL request, one too large, a query past a limit, introspection while it is off, a request a
 * browser could have sent cross-site. Each carries its HTTP status in `extensions.http` (Yoga turns it into
 * the response status and keeps it out of the body): a refused request is not a GraphQL answer.
 */
import type { ASTNode, GraphQLError } from 'graphql';
import { ErrorCode } from './codes.ts';
import { backendAIError } from './shape.ts';

const status = (value: number) => ({ http: { status: value } });

/** An HTTP status, and the headers that go with it (`Allow` for a 405). */
export interface HttpRefusal {
  status: number;
  headers?: Record<string, string>;
}

/** As the manager's `MalformedRequestBody` (which it answers for a body that is not JSON). */
export function malformedRequest(detail: string, http: HttpRefusal = { status: 400 }): GraphQLError {
  return backendAIError('Malformed request body.', ErrorCode.MalformedRequest, detail, { http });
}

/**
 * A body (or a batch) larger than the gateway accepts; the manager's aiohttp answers 413 too. The
 * connection is closed after the answer, so the rest of a huge body is not read only to be thrown away.
 */
export function requestTooLarge(detail: string): GraphQLError {
  return backendAIError('Request body too large.', ErrorCode.RequestTooLarge, detail, {
    http: { status: 413, headers: { connection: 'close' } },
  });
}

/** A query past one of the gateway's limits; the detail names the limit and what was found. */
export function queryLimitExceeded(detail: string): GraphQLError {
  return backendAIError(
    'The query exceeds a limit of the gateway.',
    ErrorCode.QueryLimitExceeded,
    detail,
    status(400),
  );
}

/** The manager's own message when `api.allow-graphql-schema-introspection` is off. */
export function introspectionDisabled(fieldName: string, node?: ASTNode): GraphQLError {
  return backendAIError(
    `Cannot query '${fieldName}': introspection is disabled.`,
    ErrorCode.IntrospectionDisabled,
    undefined,
    status(400),
    node,
  );
}

/** A request with neither a non-form content type nor a header a cross-site form cannot set. */
export function crossSiteRequestRefused(headers: readonly string[]): GraphQLError {
  return backendAIError(
    'Request refused as a possible cross-site request forgery.',
    ErrorCode.CrossSiteRequestRefused,
    `send it as application/json, or with one of the headers ${headers.join(', ')}`,
    status(403),
  );
}
