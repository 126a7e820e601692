/**
 * `_extract_auth_params`: `Authorization: BackendAI signMethod=HMAC-SHA256, credential=<access key>:<signature>`
 * read as the manager reads it. The scheme is `BackendAI` or `Sorna` (case matters); the parameters are
 * split on commas and each on its first `=`, names and values trimmed; the credential is split on its
 * first colon, and neither half is trimmed again. A parameter without `=` is a ValueError the manager
 * does not catch (a 500), as is a trailing comma.
 */
import { ManagerError } from '../errors.ts';

export interface AuthorizationParams {
  signMethod: string;
  accessKey: string;
  signature: string;
}

const invalid = (msg: string) => new ManagerError('invalidAuthParameters', msg);

export function readAuthorizationHeader(value: string): AuthorizationParams {
  const space = value.indexOf(' ');
  if (space < 0) throw invalid('Malformed authorization header');
  const scheme = value.slice(0, space);
  if (scheme !== 'BackendAI' && scheme !== 'Sorna') throw invalid('Invalid authorization type name');
  const params = new Map<string, string>();
  for (const piece of value.slice(space + 1).split(',')) {
    const param = piece.trim();
    const equals = param.indexOf('=');
    if (equals < 0) throw new ManagerError('internalServerError');
    params.set(param.slice(0, equals).trim(), param.slice(equals + 1).trim());
  }
  const credential = params.get('credential');
  const signMethod = params.get('signMethod');
  const colon = credential?.indexOf(':') ?? -1;
  if (credential === undefined || signMethod === undefined || colon < 0)
    throw invalid('Missing or malformed authorization parameters');
  return { signMethod, accessKey: credential.slice(0, colon), signature: credential.slice(colon + 1) };
}
