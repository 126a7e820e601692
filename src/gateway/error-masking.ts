/**
 * What a client sees when something fails. Errors the gateway raises on purpose (they carry a stable
 * `extensions.code`), GraphQL validation errors and the manager's own GraphQL errors pass through with their
 * message; each kind of upstream transport fault becomes one clear error; anything else is masked. No stack
 * trace, upstream request body or internal detail reaches a client. (`@graphql-mesh/http` turns masking
 * off; the gateway serves with its own Yoga and this function instead.)
 */
import { createGraphQLError } from '@graphql-tools/utils';
import { GraphQLError } from 'graphql';
import { ErrorCode, upstreamError } from '../errors/index.ts';

export const UNEXPECTED_ERROR_MESSAGE = 'Unexpected error.';

/** Extensions a client may see; anything else (Mesh's `originalError`, request dumps, ...) is dropped. */
const PUBLIC_EXTENSIONS = new Set(['code', 'http']);

/** Codes graphql-tools' HTTP executor gives the failures of an upstream call. */
const EXECUTOR_FAULT_CODES = new Set([
  'SUBREQUEST_HTTP_ERROR',
  'RESPONSE_VALIDATION_FAILED',
  'DOWNSTREAM_SERVICE_ERROR',
]);

/**
 * Yoga marks syntax and validation errors with `GRAPHQL_PARSE_FAILED` / `GRAPHQL_VALIDATION_FAILED`; the
 * manager does not, and legacy answers must read as the manager's.
 */
const YOGA_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']);

function publicExtensions(extensions: Record<string, unknown> | undefined) {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(extensions ?? {})) {
    if (PUBLIC_EXTENSIONS.has(key) && !(key === 'code' && YOGA_CODES.has(String(value)))) kept[key] = value;
  }
  return kept;
}

/**
 * What Mesh keeps of an error's cause when it runs outside production (`NODE_ENV` not `production`): it
 * replaces the error by a copy without its `originalError` and puts the cause's name, message and stack in
 * `extensions.originalError` instead, so that is where the cause is read from then.
 */
function stashedCause(error: object): unknown {
  const stashed = (error as { extensions?: { originalError?: unknown } }).extensions?.originalError;
  return stashed && typeof stashed === 'object' && 'name' in stashed ? stashed : undefined;
}

/** The error and what it wraps, outermost first. */
export function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && chain.length < 8 && !chain.includes(current)) {
    chain.push(current);
    const { originalError, cause } = current as { originalError?: unknown; cause?: unknown };
    current = originalError ?? cause ?? stashedCause(current);
  }
  return chain;
}

interface UpstreamResponseDetails {
  status?: number;
  body?: unknown;
}

/** A problem+json title from the manager, for example "Unauthorized access". */
function problemTitle(body: unknown): string | null {
  if (body && typeof body === 'object') {
    const { title, msg } = body as { title?: unknown; msg?: unknown };
    if (typeof title === 'string') return title;
    if (typeof msg === 'string') return msg;
  }
  return null;
}

/** Turns a failed upstream call into the one error a client should see, or null if it is not one. */
export function upstreamFaultError(error: unknown): GraphQLError | null {
  const chain = causeChain(error);
  for (const cause of chain) {
    const code = (cause as { code?: unknown }).code;
    if (
      typeof code === 'string' &&
      /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|EPIPE|UND_ERR_\w+)$/.test(code)
    ) {
      return upstreamError('unreachable', code);
    }
    if (
      (cause as { name?: unknown }).name === 'TimeoutError' ||
      (cause as { name?: unknown }).name === 'AbortError'
    ) {
      return upstreamError('timeout');
    }
  }
  for (const cause of chain) {
    if (!(cause instanceof GraphQLError) || !EXECUTOR_FAULT_CODES.has(String(cause.extensions?.code)))
      continue;
    const timedOut = (cause.extensions.http as { status?: number } | undefined)?.status === 504;
    if (timedOut || /\btime(d)? ?out\b/i.test(cause.message)) return upstreamError('timeout');
    const response = (cause.extensions.response ?? {}) as UpstreamResponseDetails;
    const status = response.status ?? 0;
    if (status === 401 || status === 403)
      return upstreamError('refused', problemTitle(response.body) ?? `HTTP ${status}`, status);
    if (status >= 300) return upstreamError('http-status', `HTTP ${status}`);
    if (cause.extensions.code === 'RESPONSE_VALIDATION_FAILED') return upstreamError('invalid-response');
    // The transport's message names the upstream address; only the error code is for the client.
    return upstreamError('unreachable', /\b(E[A-Z]{3,}|UND_ERR_\w+)\b/.exec(cause.message)?.[1]);
  }
  return null;
}

function isDeliberate(error: GraphQLError): boolean {
  const code = error.extensions?.code;
  return (
    typeof code === 'string' &&
    code !== 'INTERNAL_SERVER_ERROR' &&
    !EXECUTOR_FAULT_CODES.has(code) &&
    !YOGA_CODES.has(code)
  );
}

/** A GraphQL error all the way down: a validation error, or an error the manager put in its answer. */
function isPlainGraphQLError(error: GraphQLError): boolean {
  return causeChain(error).every(
    (cause) => cause instanceof GraphQLError && !EXECUTOR_FAULT_CODES.has(String(cause.extensions?.code)),
  );
}

/**
 * A value that a built-in scalar cannot represent, such as a size above 2^31 with `V2_SIZE_BYTES=Int`:
 * graphql-js reports it as a GraphQL error of the field, and the native API shows it too. (graphql-tools'
 * executor rethrows it as a plain Error, which would otherwise be masked as the gateway's own fault.)
 */
const SCALAR_SERIALIZATION = /^(Int|Float|String|Boolean|ID) cannot represent /;

function isScalarSerializationError(cause: unknown): boolean {
  const { name, message } = (cause ?? {}) as { name?: unknown; message?: unknown };
  return (name === 'Error' || name === 'GraphQLError') && SCALAR_SERIALIZATION.test(String(message));
}

/** How an error is reported: a client's mistake, an upstream fault, or a fault of the gateway itself. */
export type ErrorKind = 'client' | 'upstream' | 'internal';

const kinds = new WeakMap<object, ErrorKind>();

/** The kind `maskError` gave an error (errors it never saw count as internal). */
export function errorKind(error: unknown): ErrorKind {
  return (typeof error === 'object' && error !== null ? kinds.get(error) : undefined) ?? 'internal';
}

/** A masked error keeps the original's position in the document and the answer. */
function rebuilt(
  original: GraphQLError | null,
  message: string,
  extensions: Record<string, unknown>,
): GraphQLError {
  return createGraphQLError(message, {
    nodes: original?.nodes,
    source: original?.source,
    positions: original?.positions,
    path: original?.path,
    extensions,
  });
}

function classify(error: unknown, kind: ErrorKind, masked: GraphQLError): GraphQLError {
  if (error && typeof error === 'object') kinds.set(error, kind);
  return masked;
}

export function maskError(error: unknown): Error {
  const graphqlError = error instanceof GraphQLError ? error : null;
  const fault = upstreamFaultError(error);
  // A refused caller is the caller's business; the other faults are the operator's.
  if (fault) {
    const kind = fault.extensions.code === ErrorCode.UpstreamRefused ? 'client' : 'upstream';
    return classify(error, kind, rebuilt(graphqlError, fault.message, fault.extensions));
  }
  const deliberate = causeChain(error).find(
    (cause): cause is GraphQLError => cause instanceof GraphQLError && isDeliberate(cause),
  );
  if (deliberate) {
    return classify(
      error,
      'client',
      rebuilt(graphqlError, deliberate.message, publicExtensions(deliberate.extensions)),
    );
  }
  const serialization = causeChain(error).find(isScalarSerializationError);
  if (serialization) {
    return classify(error, 'client', rebuilt(graphqlError, (serialization as Error).message, {}));
  }
  if (graphqlError && isPlainGraphQLError(graphqlError)) {
    return classify(
      error,
      'client',
      rebuilt(graphqlError, graphqlError.message, publicExtensions(graphqlError.extensions)),
    );
  }
  return classify(
    error,
    'internal',
    rebuilt(graphqlError, UNEXPECTED_ERROR_MESSAGE, { code: ErrorCode.InternalError }),
  );
}
