/**
 * Every error the gateway raises, built here and nowhere else. The shape follows the native API: the
 * message is `<title> (<detail>)` and `extensions.code` is `<domain>_<operation>_<detail>` as in
 * Backend.AI's ErrorCode, so a client handles gateway errors and native ones alike.
 */
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  InvalidParameters: 'api_generic_invalid-parameters',
  InternalError: 'api_generic_internal-error',
  UpstreamUnreachable: 'external-system_request_unreachable',
  UpstreamTimeout: 'external-system_request_timeout',
  UpstreamInvalidResponse: 'external-system_parsing_invalid-data-format',
  UpstreamHttpError: 'external-system_request_unavailable',
  UpstreamRefused: 'api_auth_unauthorized',
  UpstreamFieldUnavailable: 'external-system_read_not-implemented',
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

function withDetail(title: string, detail: string | undefined): string {
  return detail ? `${title} (${detail})` : title;
}

/** A bad argument, as the native `InvalidGraphQLParameters`. */
export function invalidParameters(detail: string): GraphQLError {
  return new GraphQLError(withDetail('Invalid GraphQL parameters.', detail), {
    extensions: { code: ErrorCode.InvalidParameters },
  });
}

/** A malformed pagination cursor, as the native `InvalidCursor` (same code as other bad arguments). */
export function invalidCursor(detail: string): GraphQLError {
  return new GraphQLError(withDetail('Invalid cursor format.', detail), {
    extensions: { code: ErrorCode.InvalidParameters },
  });
}

export type UpstreamFaultKind = 'unreachable' | 'timeout' | 'invalid-response' | 'http-status' | 'refused';

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
};

/**
 * A failed upstream call. A refusal keeps the manager's HTTP status (401/403) through `extensions.http`,
 * which Yoga turns into the response status, so a caller the manager refuses is refused the same way.
 */
export function upstreamError(kind: UpstreamFaultKind, detail?: string, httpStatus?: number): GraphQLError {
  const { title, code } = UPSTREAM_FAULTS[kind];
  const extensions: Record<string, unknown> = { code };
  if (kind === 'refused' && httpStatus) extensions.http = { status: httpStatus };
  return new GraphQLError(withDetail(title, detail), { extensions });
}

/** A field the fronted manager cannot provide for this caller. */
export function fieldUnavailable(detail: string): GraphQLError {
  return new GraphQLError(withDetail('The legacy manager cannot provide this field.', detail), {
    extensions: { code: ErrorCode.UpstreamFieldUnavailable },
  });
}

export function internalError(): GraphQLError {
  return new GraphQLError('Unexpected error.', { extensions: { code: ErrorCode.InternalError } });
}
