/**
 * Request authentication as each release's `api_middleware` and `auth_middleware` do it:
 *
 * - an `X-BackendAI-Version` (or `X-Sorna-Version`) header must name an API version the release knows;
 * - 26.x: `X-BackendAI-Token` first (a JWT signed HS256 with the caller's secret key, claims `access_key`,
 *   `role`, `iat`, `exp`), else an HMAC `Authorization` header with a `Date`/`X-BackendAI-Date` within 15
 *   minutes, checked against the path and Host or against `X-Forwarded-URL`; with neither, `Unauthorized
 *   access`;
 * - 25.6: the date is checked first for every request, no JWT, no `X-Forwarded-URL`, and its own messages.
 *
 * Refusals are `ManagerError`s with the release's status codes and messages.
 */
import { decodeJwt, errors as joseErrors, jwtVerify } from 'jose';
import {
  computeSignature,
  MalformedAuthorization,
  parseAuthorization,
  signaturesEqual,
} from '../auth/index.ts';
import type { SandboxUser } from './dataset.ts';
import { ManagerError } from './errors.ts';
import type { ManagerVersion } from './legacy-schema.ts';

const API_VERSIONS_25_6 = [
  'v4.20181215',
  'v4.20190115',
  'v4.20190315',
  'v4.20190615',
  'v5.20191215',
  'v6.20200815',
  'v6.20210815',
  'v6.20220315',
  'v6.20220615',
  'v6.20230315',
  'v7.20230615',
  'v8.20240315',
  'v8.20240915',
];

/** API versions each release accepts (`VALID_VERSIONS`), and the one `GET /` announces. */
export const API_VERSIONS: Record<ManagerVersion, { valid: ReadonlySet<string>; latest: string }> = {
  '25.6': { valid: new Set(API_VERSIONS_25_6), latest: 'v8.20240915' },
  '26.1': { valid: new Set([...API_VERSIONS_25_6, 'v9.20250722']), latest: 'v9.20250722' },
  // 26.3 dropped v6.20210815 from the list and added v6.20221201.
  '26.3': {
    valid: new Set([
      ...API_VERSIONS_25_6.filter((version) => version !== 'v6.20210815'),
      'v6.20221201',
      'v9.20250722',
    ]),
    latest: 'v9.20250722',
  },
};

/** Since 25.16: JWTs in X-BackendAI-Token; since 25.13: X-Forwarded-URL replaces path and Host. */
const hasFederationAuth = (version: ManagerVersion) => version !== '25.6';

export interface IncomingRequest {
  method: string;
  /** Path with query string, as on the request line. */
  rawPath: string;
  headers: Record<string, string | string[] | undefined>;
}

function header(request: IncomingRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** Reads a date as dateutil does for the usual forms: RFC 1123 or ISO 8601, a missing offset meaning UTC. */
export function parseRequestDate(raw: string): number {
  const isoWithoutOffset = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(raw.trim());
  return Date.parse(isoWithoutOffset ? `${raw.trim().replace(' ', 'T')}Z` : raw);
}

/** `check_date`: the raw date when it is there and within 15 minutes of now, else null. */
function checkDate(request: IncomingRequest, now: number): string | null {
  const rawDate =
    header(request, 'date') || header(request, 'x-backendai-date') || header(request, 'x-sorna-date');
  if (!rawDate) return null;
  const time = parseRequestDate(rawDate);
  if (Number.isNaN(time) || Math.abs(now - time) >= FIFTEEN_MINUTES) return null;
  return rawDate;
}

export interface AuthOptions {
  version: ManagerVersion;
  users: SandboxUser[];
  now?: number;
}

/** `api_middleware`'s check, which every path (including `GET /`) goes through. */
export function checkApiVersion(request: IncomingRequest, version: ManagerVersion): void {
  const apiVersion = header(request, 'x-backendai-version') || header(request, 'x-sorna-version');
  if (apiVersion && !API_VERSIONS[version].valid.has(apiVersion))
    throw new ManagerError('genericBadRequest', 'Unsupported API version.');
}

const authFailed = (msg: string) => new ManagerError('authorizationFailed', msg);

/** The `JWTError` the manager's validator raises for a token that does not verify, as text. */
function jwtFailure(error: unknown): ManagerError {
  let inner: ManagerError;
  if (error instanceof joseErrors.JWTExpired) inner = new ManagerError('jwtExpired', 'JWT token has expired');
  else if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    inner = new ManagerError('jwtInvalidSignature', 'JWT signature verification failed');
  else if (error instanceof joseErrors.JWTClaimValidationFailed)
    inner = new ManagerError('jwtInvalidClaims', `JWT claims are invalid: ${error.message}`);
  else inner = new ManagerError('jwtDecode', `Failed to decode JWT token: ${(error as Error).message}`);
  return authFailed(`JWT validation failed: ${inner.message}`);
}

const JWT_ROLES = ['admin', 'user', 'superadmin'];

/** `_authenticate_via_jwt`: the access key from the unverified token, then a check with that user's key. */
async function viaJwt(token: string, users: SandboxUser[]): Promise<SandboxUser> {
  let accessKey: unknown;
  try {
    accessKey = decodeJwt(token).access_key;
  } catch {
    // PyJWT's DecodeError is not one of the manager's JWTErrors: it escapes as an internal error.
    throw new ManagerError('internalServerError');
  }
  if (!accessKey) throw authFailed('Access key not found in JWT token');
  const user = users.find((candidate) => candidate.accessKey === accessKey);
  if (!user) throw authFailed('Access key not found in database');
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(user.secretKey), {
      algorithms: ['HS256'],
    }));
  } catch (error) {
    throw jwtFailure(error);
  }
  // `JWTClaims.from_dict` reads these four; a missing one is a KeyError, reported by its repr.
  for (const claim of ['exp', 'iat', 'access_key', 'role']) {
    if (!(claim in payload)) {
      const inner = new ManagerError('jwtInvalidClaims', `JWT claims are invalid: '${claim}'`);
      throw authFailed(`JWT validation failed: ${inner.message}`);
    }
  }
  if (!JWT_ROLES.includes(String(payload.role))) {
    const inner = new ManagerError(
      'jwtInvalidClaims',
      `Invalid role: ${String(payload.role)}. Must be one of {'admin', 'user', 'superadmin'}`,
    );
    throw authFailed(`JWT validation failed: ${inner.message}`);
  }
  // The claims carry a role, but the manager takes the caller's privileges from the user row.
  return user;
}

/** host[:port] and path of X-Forwarded-URL, as `urlparse` reads them (no exception for odd input). */
function forwardedTarget(forwarded: string): { host: string; path: string } {
  const match = /^(?:[A-Za-z][A-Za-z0-9+.-]*:)?(?:\/\/([^/?#]*))?([^?#]*)/.exec(forwarded);
  return { host: match?.[1] ?? '', path: match?.[2] ?? '' };
}

/** Hashes of `hashlib.algorithms_guaranteed` that a `HMAC-<hash>` sign method can name. */
const SIGNING_HASHES = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];

function signingHash(signMethod: string): string {
  const pieces = signMethod.toLowerCase().split('-');
  if (pieces.length !== 2) throw authFailed('Invalid signature');
  if (pieces[0] !== 'hmac')
    throw new ManagerError('invalidAuthParameters', 'Unsupported request signing method (MAC type)');
  if (!SIGNING_HASHES.includes(pieces[1] as string))
    throw new ManagerError('invalidAuthParameters', 'Unsupported request signing method (hash type)');
  return pieces[1] as string;
}

function viaHmac(
  request: IncomingRequest,
  authorization: string,
  rawDate: string,
  options: AuthOptions,
): SandboxUser {
  const is25_6 = options.version === '25.6';
  let params: ReturnType<typeof parseAuthorization>;
  try {
    params = parseAuthorization(authorization);
  } catch (error) {
    if (error instanceof MalformedAuthorization)
      throw new ManagerError('invalidAuthParameters', error.message);
    throw error;
  }
  const user = options.users.find((candidate) => candidate.accessKey === params.accessKey);
  if (!user) throw authFailed(is25_6 ? 'Access key not found' : 'Access key not found in HMAC');
  // `sign_request`: the method, then the API version, are checked once the keypair is known.
  const hashType = signingHash(params.signMethod);
  const apiVersion = header(request, 'x-backendai-version') || header(request, 'x-sorna-version');
  if (!apiVersion) throw new ManagerError('invalidAuthParameters', 'API version missing in request headers');
  let path = request.rawPath;
  let host = header(request, 'host') ?? '';
  const forwarded = header(request, 'x-forwarded-url');
  if (forwarded && hasFederationAuth(options.version)) ({ host, path } = forwardedTarget(forwarded));
  const expected = computeSignature(
    user.secretKey,
    {
      method: request.method,
      pathWithQuery: path,
      rawDate,
      host,
      contentType: header(request, 'content-type') ?? '',
      apiVersion,
    },
    hashType,
  );
  if (!signaturesEqual(expected, params.signature))
    throw authFailed(is25_6 ? 'Signature mismatch' : 'HMAC signature mismatch');
  return user;
}

/** The caller, or a ManagerError the server turns into the release's refusal. */
export async function authenticate(request: IncomingRequest, options: AuthOptions): Promise<SandboxUser> {
  const now = options.now ?? Date.now();
  if (options.version === '25.6') {
    const rawDate = checkDate(request, now);
    if (!rawDate) throw new ManagerError('invalidAuthParameters', 'Date/time sync error');
    const authorization = header(request, 'authorization');
    if (authorization) return viaHmac(request, authorization, rawDate, options);
    throw authFailed('Unauthorized access');
  }
  const token = header(request, 'x-backendai-token');
  if (token) return viaJwt(token, options.users);
  const authorization = header(request, 'authorization');
  if (authorization) {
    const rawDate = checkDate(request, now);
    if (!rawDate) throw new ManagerError('invalidAuthParameters', 'Date/time sync error');
    return viaHmac(request, authorization, rawDate, options);
  }
  throw authFailed('Unauthorized access');
}
