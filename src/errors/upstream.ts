/**
 * Errors of the gateway's own: the legacy manager could not be asked, refused, or answered something the
 * gateway cannot serve. Each names the legacy manager, so a client can tell a gateway fault from its own.
 */
import type { GraphQLError } from 'graphql';
import { ErrorCode, type ErrorCodeValue } from './codes.ts';
import { backendAIError } from './shape.ts';

export type UpstreamFaultKind =
  | 'unreachable'
  | 'timeout'
  | 'invalid-response'
  | 'http-status'
  | 'refused'
  | 'circuit-open';

const UPSTREAM_FAULTS: Record<UpstreamFaultKind, { title: string; code: ErrorCodeValue }> = {
  unreachable: { title: 'The legacy manager is unreachable.', code: ErrorCode.UpstreamUnreachable },
  timeout: { title: 'The legacy manager did not answer in time.', code: ErrorCode.UpstreamTimeout },
  'invalid-response': {
    title: 'The legacy manager sent a response that is not GraphQL JSON.',
    code: ErrorCode.UpstreamInvalidResponse,
  },
  'http-status': {
    title: 'The legacy manager answered with an HTTP error.',
    code: ErrorCode.UpstreamHttpError,
  },
  refused: { title: 'The legacy manager refused the request.', code: ErrorCode.UpstreamRefused },
  'circuit-open': {
    title: 'The legacy manager is unavailable; the gateway stopped calling it after repeated failures.',
    code: ErrorCode.UpstreamCircuitOpen,
  },
};

/**
 * A failed upstream call, `<title> (<detail>)` as native errors read. A refusal keeps the manager's HTTP
 * status (401/403) in `extensions.http`, which Yoga turns into the response status and strips from the
 * body, so a caller the manager refuses is refused the same way.
 */
export function upstreamError(kind: UpstreamFaultKind, detail?: string, httpStatus?: number): GraphQLError {
  const { title, code } = UPSTREAM_FAULTS[kind];
  const http = kind === 'refused' && httpStatus ? { http: { status: httpStatus } } : {};
  return backendAIError(title, code, detail, http);
}

/**
 * A failed upstream call where the answer is not GraphQL (the `GET /` passthrough): the manager's own
 * problem+json shape (`title`, `error_code`, `msg`), with no upstream address in it.
 */
export function upstreamProblem(
  kind: UpstreamFaultKind,
  detail?: string,
): { title: string; error_code: ErrorCodeValue; msg?: string } {
  const { title, code } = UPSTREAM_FAULTS[kind];
  return { title, error_code: code, ...(detail ? { msg: detail } : {}) };
}

/**
 * A legacy image value the ImageV2 mapping cannot represent (an unknown status, a tag the manager's own
 * parser refuses). The native API fails on such rows too; this says which value is at fault.
 */
export function invalidImageData(detail: string): GraphQLError {
  return backendAIError(
    'The legacy manager sent an image value the gateway cannot read.',
    ErrorCode.UpstreamInvalidResponse,
    detail,
  );
}

/** A field the fronted manager cannot provide for this caller. */
export function fieldUnavailable(detail: string): GraphQLError {
  return backendAIError(
    'The legacy manager cannot provide this field.',
    ErrorCode.UpstreamFieldUnavailable,
    detail,
  );
}
