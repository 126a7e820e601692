/**
 * Request authentication as the manager's `api_middleware` and `auth_middleware` do it, per release:
 * an API version the release knows, then `X-BackendAI-Token` (a JWT signed with the user's secret key;
 * 25.16 and later), else an HMAC `Authorization` header with a `Date`/`X-BackendAI-Date` within 15 minutes,
 * checked against the path and Host, or against `X-Forwarded-URL` (25.13 and later). Refusals carry the
 * manager's status codes and problem+json bodies.
 */
import { decodeJwt, jwtVerify } from 'jose';
import {
  computeSignature,
  hashTypeOf,
  MalformedAuthorization,
  parseAuthorization,
  signaturesEqual,
} from '../auth/index.ts';
import type { SandboxUser } from './dataset.ts';
import type { ManagerVersion } from './legacy-schema.ts';

export interface Problem {
  status: number;
  body: { type: string; title: string; error_code: string; msg?: string };
}

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.body.msg ? `${problem.body.title} (${problem.body.msg})` : problem.body.title);
  }
}

export const problems = {
  invalidAuthParameters: (msg: string): Problem => ({
    status: 400,
    body: {
      type: 'https://api.backend.ai/probs/invalid-auth-params',
      title: 'Missing or invalid authorization parameters.',
      error_code: 'user_auth_invalid-parameters',
      msg,
    },
  }),
  authorizationFailed: (msg: string): Problem => ({
    status: 401,
    body: {
      type: 'https://api.backend.ai/probs/auth-failed',
      title: 'Credential/signature mismatch.',
      error_code: 'user_auth_unauthorized',
      msg,
    },
  }),
  unsupportedApiVersion: (): Problem => ({
    status: 400,
    body: {
      type: 'https://api.backend.ai/probs/generic-bad-request',
      title: 'Bad request.',
      error_code: 'api_generic_bad-request',
      msg: 'Unsupported API version.',
    },
  }),
};

const COMMON_API_VERSIONS = [
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

/** API versions each release accepts, and the one its `GET /` announces. */
export const API_VERSIONS: Record<ManagerVersion, { valid: Set<string>; latest: string }> = {
  '25.6': { valid: new Set(COMMON_API_VERSIONS), latest: 'v8.20240915' },
  '26.1': { valid: new Set([...COMMON_API_VERSIONS, 'v9.20250722']), latest: 'v9.20250722' },
  '26.3': { valid: new Set([...COMMON_API_VERSIONS, 'v9.20250722']), latest: 'v9.20250722' },
};

/** Releases from 25.13 on honour X-Forwarded-URL and accept JWTs. */
function isAtLeast25_16(version: ManagerVersion): boolean {
  return version !== '25.6';
}

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

function checkDate(request: IncomingRequest, now: number): string {
  const rawDate =
    header(request, 'date') ?? header(request, 'x-backendai-date') ?? header(request, 'x-sorna-date');
  const time = rawDate ? Date.parse(rawDate) : Number.NaN;
  if (!rawDate || Number.isNaN(time) || Math.abs(now - time) >= FIFTEEN_MINUTES) {
    throw new ProblemError(problems.invalidAuthParameters('Date/time sync error'));
  }
  return rawDate;
}

export interface AuthOptions {
  version: ManagerVersion;
  users: SandboxUser[];
  now?: number;
}

export function checkApiVersion(request: IncomingRequest, version: ManagerVersion): void {
  const apiVersion = header(request, 'x-backendai-version') ?? header(request, 'x-sorna-version');
  if (apiVersion !== undefined && !API_VERSIONS[version].valid.has(apiVersion)) {
    throw new ProblemError(problems.unsupportedApiVersion());
  }
}

async function viaJwt(token: string, users: SandboxUser[]): Promise<SandboxUser> {
  let accessKey: unknown;
  try {
    accessKey = decodeJwt(token).access_key;
  } catch (error) {
    throw new ProblemError(
      problems.authorizationFailed(`JWT validation failed: ${(error as Error).message}`),
    );
  }
  if (typeof accessKey !== 'string')
    throw new ProblemError(problems.authorizationFailed('Access key not found in JWT token'));
  const user = users.find((candidate) => candidate.accessKey === accessKey);
  if (!user) throw new ProblemError(problems.authorizationFailed('Access key not found in database'));
  try {
    await jwtVerify(token, new TextEncoder().encode(user.secretKey), { algorithms: ['HS256'] });
  } catch (error) {
    throw new ProblemError(
      problems.authorizationFailed(`JWT validation failed: ${(error as Error).message}`),
    );
  }
  return user;
}

function viaHmac(request: IncomingRequest, authorization: string, options: AuthOptions): SandboxUser {
  const rawDate = checkDate(request, options.now ?? Date.now());
  let params: ReturnType<typeof parseAuthorization>;
  let hashType: string;
  try {
    params = parseAuthorization(authorization);
    hashType = hashTypeOf(params.signMethod);
  } catch (error) {
    if (error instanceof MalformedAuthorization)
      throw new ProblemError(problems.invalidAuthParameters(error.message));
    throw error;
  }
  const apiVersion = header(request, 'x-backendai-version');
  if (!apiVersion)
    throw new ProblemError(problems.invalidAuthParameters('API version missing in request headers'));
  const user = options.users.find((candidate) => candidate.accessKey === params.accessKey);
  if (!user) throw new ProblemError(problems.authorizationFailed('Access key not found in HMAC'));
  let path = request.rawPath;
  let host = header(request, 'host') ?? '';
  const forwarded = header(request, 'x-forwarded-url');
  if (forwarded && isAtLeast25_16(options.version)) {
    const url = new URL(forwarded);
    path = url.pathname;
    host = url.host;
  }
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
    throw new ProblemError(problems.authorizationFailed('HMAC signature mismatch'));
  return user;
}

/** The caller, or a ProblemError the server turns into the manager's refusal. */
export async function authenticate(request: IncomingRequest, options: AuthOptions): Promise<SandboxUser> {
  checkApiVersion(request, options.version);
  const token = header(request, 'x-backendai-token');
  if (token && isAtLeast25_16(options.version)) return viaJwt(token, options.users);
  const authorization = header(request, 'authorization');
  if (authorization) return viaHmac(request, authorization, options);
  throw new ProblemError(problems.authorizationFailed('Unauthorized access'));
}
