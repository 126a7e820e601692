/**
 * Request authentication as each release's `auth_middleware` runs it:
 *
 * - 26.x: `X-BackendAI-Token` first (jwt.ts), else an HMAC `Authorization` header: the date is checked,
 *   the header read, the access key looked up, then the signature compared (`X-Forwarded-URL` honoured);
 *   with neither header, `Unauthorized access`;
 * - 25.6: the date is checked first for every request, no JWT, no `X-Forwarded-URL`, and its own messages
 *   (`Access key not found`, `Signature mismatch`).
 *
 * Refusals are `ManagerError`s with the release's status codes and messages.
 */
import { timingSafeEqual } from 'node:crypto';
import type { SandboxUser } from '../data/types.ts';
import { ManagerError } from '../errors.ts';
import { type ManagerVersion, RELEASES } from '../releases.ts';
import { readAuthorizationHeader } from './authorization-header.ts';
import { expectedSignature, signatureFailureError } from './hmac-signature.ts';
import { header, type IncomingRequest } from './incoming-request.ts';
import { authenticateJwt } from './jwt.ts';
import { type CheckedDate, checkDate } from './request-date.ts';

export interface AuthOptions {
  version: ManagerVersion;
  users: SandboxUser[];
  now?: number;
}

const authFailed = (msg: string) => new ManagerError('authorizationFailed', msg);

/** `secrets.compare_digest` on two strings; non-ASCII text is a TypeError there. */
function digestsEqual(expected: string, given: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point.
  if (!/^[\x00-\x7f]*$/.test(given)) throw new ManagerError('internalServerError');
  const [left, right] = [Buffer.from(expected), Buffer.from(given)];
  return left.length === right.length && timingSafeEqual(left, right);
}

function authenticateHmac(
  request: IncomingRequest,
  authorization: string,
  date: CheckedDate,
  options: AuthOptions,
): SandboxUser {
  const is25_6 = options.version === '25.6';
  const params = readAuthorizationHeader(authorization);
  const user = options.users.find((candidate) => candidate.accessKey === params.accessKey);
  if (!user) throw authFailed(is25_6 ? 'Access key not found' : 'Access key not found in HMAC');
  const expected = expectedSignature(
    params.signMethod,
    {
      method: request.method,
      rawPath: request.rawPath,
      host: header(request, 'host') ?? '',
      contentType: header(request, 'content-type'),
      backendaiVersion: header(request, 'x-backendai-version'),
      sornaVersion: header(request, 'x-sorna-version'),
      forwardedUrl: RELEASES[options.version].federationAuth ? header(request, 'x-forwarded-url') : undefined,
      rawDate: date.raw,
      day: date.day,
    },
    user.secretKey,
  );
  if ('failure' in expected) throw signatureFailureError(expected.failure);
  if (!digestsEqual(expected.signature, params.signature))
    throw authFailed(is25_6 ? 'Signature mismatch' : 'HMAC signature mismatch');
  return user;
}

/** The caller, or a ManagerError the server turns into the release's refusal. */
export async function authenticate(request: IncomingRequest, options: AuthOptions): Promise<SandboxUser> {
  const now = options.now ?? Date.now();
  const dateSyncError = () => new ManagerError('invalidAuthParameters', 'Date/time sync error');
  if (!RELEASES[options.version].federationAuth) {
    const date = checkDate(request, now);
    if (!date) throw dateSyncError();
    const authorization = header(request, 'authorization');
    if (authorization) return authenticateHmac(request, authorization, date, options);
    throw authFailed('Unauthorized access');
  }
  const token = header(request, 'x-backendai-token');
  if (token) return authenticateJwt(token, options.users);
  const authorization = header(request, 'authorization');
  if (authorization) {
    const date = checkDate(request, now);
    if (!date) throw dateSyncError();
    return authenticateHmac(request, authorization, date, options);
  }
  throw authFailed('Unauthorized access');
}
