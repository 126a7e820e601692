/**
 * The manager's errors as they reach a client: RFC 7807 bodies (`type`, `title`, and from 25.8 on
 * `error_code`; `msg` and `data` when given) with their HTTP status for REST refusals, and the text a
 * GraphQL error carries (`str(exc)`: `<title> (<msg>)`). Titles, types and codes are the 26.1 manager's
 * (`errors/*.py`, `common/exception.py`).
 */
import { type ManagerVersion, RELEASES } from './releases.ts';

interface ErrorKind {
  status: number;
  type: string;
  title: string;
  /** `ErrorCode` as `<domain>_<operation>_<detail>`; bodies carry it from 25.8 on. */
  code: string;
}

const kind = (status: number, type: string, title: string, code: string): ErrorKind => ({
  status,
  type: `https://api.backend.ai/probs/${type}`,
  title,
  code,
});

export const ERROR_KINDS = {
  urlNotFound: kind(404, 'url-not-found', 'Unknown URL path.', 'api_read_not-found'),
  methodNotAllowed: kind(405, 'method-not-allowed', 'HTTP Method Not Allowed.', 'api_access_forbidden'),
  genericBadRequest: kind(400, 'generic-bad-request', 'Bad request.', 'backendai_generic_bad-request'),
  invalidApiParameters: kind(
    400,
    'invalid-api-params',
    'Missing or invalid API parameters.',
    'api_generic_invalid-parameters',
  ),
  /** common.exception's: what pydantic request models raise (26.3 REST and GraphQL bodies). */
  invalidParameters: kind(
    400,
    'generic-bad-request',
    'Invalid or Missing API Parameters.',
    'api_parsing_invalid-parameters',
  ),
  malformedRequestBody: kind(
    400,
    'generic-bad-request',
    'Malformed request body.',
    'api_parsing_bad-request',
  ),
  notImplemented: kind(
    400,
    'not-implemented',
    'This API is not implemented.',
    'backendai_generic_not-implemented',
  ),
  invalidAuthParameters: kind(
    400,
    'invalid-auth-params',
    'Missing or invalid authorization parameters.',
    'user_auth_invalid-parameters',
  ),
  authorizationFailed: kind(401, 'auth-failed', 'Credential/signature mismatch.', 'user_auth_unauthorized'),
  genericForbidden: kind(403, 'generic-forbidden', 'Forbidden operation.', 'backendai_generic_forbidden'),
  permissionDenied: kind(403, 'permission-denied', 'Permission Denied.', 'api_auth_forbidden'),
  objectNotFound: kind(404, 'object-not-found', 'No such object.', 'backendai_read_not-found'),
  imageNotFound: kind(404, 'object-not-found', 'No such environment image.', 'image_read_not-found'),
  imageAliasNotFound: kind(404, 'object-not-found', 'No such image alias.', 'image-alias_read_not-found'),
  imageAccessForbidden: kind(
    403,
    'generic-forbidden',
    'User does not have permission to access this image.',
    'image_access_forbidden',
  ),
  modifyImageValueError: kind(
    400,
    'invalid-parameters',
    'Invalid parameters for image modification.',
    'image_update_invalid-parameters',
  ),
  aliasImageDbError: kind(
    500,
    'image-db-error',
    'Database error while managing image alias.',
    'image-alias_update_already-exists',
  ),
  invalidScope: kind(
    400,
    'invalid-scope',
    'Invalid scope specified.',
    'permission_access_invalid-parameters',
  ),
  graphqlError: kind(400, 'graphql-error', 'GraphQL-generated error.', 'api_generic_internal-error'),
  internalServerError: kind(
    500,
    'internal-server-error',
    'Internal server error.',
    'backendai_generic_internal-error',
  ),
  jwtExpired: kind(401, 'jwt-expired', 'JWT token has expired.', 'user_auth_data-expired'),
  jwtInvalidSignature: kind(
    401,
    'jwt-invalid-signature',
    'JWT signature verification failed.',
    'user_auth_unauthorized',
  ),
  jwtInvalidClaims: kind(401, 'jwt-invalid-claims', 'JWT claims are invalid.', 'user_auth_unauthorized'),
  jwtDecode: kind(401, 'jwt-decode-error', 'Failed to decode JWT token.', 'user_auth_unauthorized'),
} as const;

export type ErrorKindName = keyof typeof ERROR_KINDS;

export interface ProblemBody {
  type: string;
  title: string;
  error_code?: string;
  msg?: string;
  data?: unknown;
}

/** A `BackendAIError`: thrown by handlers, rendered as a problem response or as a GraphQL error's text. */
export class ManagerError extends Error {
  override name = 'ManagerError';
  readonly kind: ErrorKind;

  constructor(
    readonly kindName: ErrorKindName,
    readonly msg?: string,
    readonly data?: unknown,
  ) {
    const kind = ERROR_KINDS[kindName];
    super(msg ? `${kind.title} (${msg})` : kind.title);
    this.kind = kind;
  }

  get status(): number {
    return this.kind.status;
  }

  body(version: ManagerVersion): ProblemBody {
    const body: ProblemBody = { type: this.kind.type, title: this.kind.title };
    // 25.6's BackendError has no error codes; they came with 25.8's ErrorCode.
    if (RELEASES[version].errorCodes) body.error_code = this.kind.code;
    if (this.msg !== undefined) body.msg = this.msg;
    if (this.data !== undefined) body.data = this.data;
    return body;
  }
}

/** `GenericForbidden("superadmin privilege required")`, what `privileged_query` raises. */
export const superadminRequired = () => new ManagerError('genericForbidden', 'superadmin privilege required');

/** The `InvalidAPIParameters` GraphQL resolvers raise (`errors/api.py`). */
export const invalidApiParameters = (msg: string) => new ManagerError('invalidApiParameters', msg);

/** An error the manager raises from `ValueError` and the like: the GraphQL message is this text. */
export class QueryError extends Error {
  override name = 'QueryError';
}
