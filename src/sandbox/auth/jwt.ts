/**
 * `_authenticate_via_jwt` (25.16+): an `X-BackendAI-Token` JWT, HS256-signed with the caller's secret key,
 * with the claims `exp`, `iat`, `access_key` and `role`. The access key is read from the token before it
 * is verified; the caller's privileges come from the user row, whatever role the token claims.
 */
import { decodeJwt, errors as joseErrors, jwtVerify } from 'jose';
import type { SandboxUser } from '../data/types.ts';
import { ManagerError } from '../errors.ts';

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

export async function authenticateJwt(token: string, users: SandboxUser[]): Promise<SandboxUser> {
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
  return user;
}
