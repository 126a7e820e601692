/**
 * Every error the gateway raises, built here and nowhere else. The shape follows the native manager: a
 * BackendAIError becomes a GraphQL error whose message is `<title> (<detail>)` (or the bare title) and whose
 * `extensions.code` is `<domain>_<operation>_<detail>` (Backend.AI's `ErrorCode`), so a client handles
 * gateway errors and native ones alike. Titles and codes of native errors are copied from the manager's
 * `errors/*.py`; the gateway's own faults (upstream transport, unreadable legacy data) reuse the native
 * `external-system` domain.
 */
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  /** `InvalidGraphQLParameters` and `InvalidCursor` alike. */
  InvalidParameters: 'api_generic_invalid-parameters',
  /** `ImageNotFound`. */
  ImageNotFound: 'image_read_not-found',
  /** `ContainerRegistryNotFound`. */
  RegistryNotFound: 'container-registry_read_not-found',
  /** `ErrorCode.default()`: what the native API gives any unexpected exception. */
  InternalError: 'backendai_generic_internal-error',
  UpstreamUnreachable: 'external-system_request_unreachable',
  UpstreamTimeout: 'external-system_request_timeout',
  /** The legacy manager's answer, or a value in it, cannot be read. */
  UpstreamInvalidResponse: 'external-system_parsing_invalid-data-format',
  UpstreamHttpError: 'external-system_request_unavailable',
  UpstreamRefused: 'api_auth_unauthorized',
  UpstreamFieldUnavailable: 'external-system_read_not-implemented',
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** `str(BackendAIError)`: the title, then the detail in parentheses when there is one. */
function withDetail(title: string, detail: string | undefined): string {
  return detail ? `${title} (${detail})` : title;
}

function gatewayError(title: string, code: ErrorCodeValue, detail?: string): GraphQLError {
  return new GraphQLError(withDetail(title, detail), { extensions: { code } });
}

/** A bad argument, as the native `InvalidGraphQLParameters`. */
export function invalidParameters(detail: string): GraphQLError {
  return gatewayError('Invalid GraphQL parameters.', ErrorCode.InvalidParameters, detail);
}

/** A malformed pagination cursor, as the native `InvalidCursor` (same code as other bad arguments). */
export function invalidCursor(detail: string): GraphQLError {
  return gatewayError('Invalid cursor format.', ErrorCode.InvalidParameters, detail);
}

/** As the native `ImageNotFound` (`ObjectNotFound` titles read "No such <object>."). */
export function imageNotFound(detail?: string): GraphQLError {
  return gatewayError('No such environment image.', ErrorCode.ImageNotFound, detail);
}

/** As the native `ContainerRegistryNotFound`. */
export function registryNotFound(detail?: string): GraphQLError {
  return gatewayError('No such container_registry.', ErrorCode.RegistryNotFound, detail);
}

/**
 * A legacy image value the ImageV2 mapping cannot represent (an unknown status, a tag the manager's own
 * parser refuses). The native API fails on such rows too; this says which value is at fault.
 */
export function invalidImageData(detail: string): GraphQLError {
  return gatewayError(
    'The legacy manager sent an image value the gateway cannot read.',
    ErrorCode.UpstreamInvalidResponse,
    detail,
  );
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
  return gatewayError(
    'The legacy manager cannot provide this field.',
    ErrorCode.UpstreamFieldUnavailable,
    detail,
  );
}

/** What a client sees for a fault of the gateway itself; the cause stays in the logs. */
export function internalError(): GraphQLError {
  return gatewayError('Unexpected error.', ErrorCode.InternalError);
}

/**
 * The native `check_admin_only()` refusal of `admin*` fields to anyone but a superadmin: an aiohttp
 * HTTPForbidden that the native error handler reports with its reason and the default code.
 */
export function adminExclusiveAccess(): GraphQLError {
  return new GraphQLError('Admin exclusive access', { extensions: { code: ErrorCode.InternalError } });
}
