/**
 * Which failures of an upstream call a client should see as one clear error, and which error that is:
 * transport codes (the manager unreachable), time-outs, graphql-tools' executor faults with the manager's
 * HTTP status. Nothing of the upstream address or request is kept. Pure: it only reads the error chain.
 */
import { GraphQLError } from 'graphql';
import { upstreamError } from './upstream.ts';

/** Codes graphql-tools' HTTP executor gives the failures of an upstream call. */
export const EXECUTOR_FAULT_CODES = new Set([
  'SUBREQUEST_HTTP_ERROR',
  'RESPONSE_VALIDATION_FAILED',
  'DOWNSTREAM_SERVICE_ERROR',
]);

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
