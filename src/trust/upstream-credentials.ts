/**
 * The credentials of one upstream call: the one function that decides it. There are two kinds of call:
 *
 * - a caller's call (everything a client's request makes the gateway ask: image pages, single images,
 *   `node`/`nodes`, legacy fields, mutations): it carries the caller's own credential headers, unchanged,
 *   with `X-Forwarded-URL` saying which URL the caller signed, and only ever to the manager's GraphQL
 *   endpoint, the path the caller signed. An anonymous caller's call carries no credentials, and the
 *   manager refuses it as it would refuse the caller directly.
 * - a gateway read (gateway-reads.ts): signed with the gateway's keypair, only for the calls that read
 *   allows; with no keypair, it carries nothing and the manager refuses it.
 *
 * Every other combination carries nothing. The gateway's keypair is never lent to a caller.
 */
import { type Keypair, signRequestHeaders } from '../auth/index.ts';
import type { CallerIdentity } from './caller-identity.ts';
import {
  type GatewayRead,
  gatewayReadAllows,
  isGraphQLEndpoint,
  type ManagerEndpoints,
  type UpstreamCall,
} from './gateway-reads.ts';

export type CallPurpose =
  | { as: 'caller'; caller: CallerIdentity | null }
  | { as: 'gateway'; read: GatewayRead };

export interface CredentialPolicy extends ManagerEndpoints {
  gatewayKeypair: Keypair | null;
  /** The API version the manager announces at `GET /`, for the gateway's own signatures. */
  apiVersion?: string | undefined;
  /** Send the caller's signed Host too: managers before 25.13 ignore X-Forwarded-URL. */
  forwardHost?: boolean;
}

/** The headers that present a caller to the manager. */
export function callerHeaders(caller: CallerIdentity, forwardHost = false): Record<string, string> {
  const headers: Record<string, string> = {
    ...caller.credentialHeaders,
    'x-forwarded-url': caller.signedUrl,
  };
  if (forwardHost) headers.host = new URL(caller.signedUrl).host;
  if (caller.forwardedFor) headers['x-forwarded-for'] = caller.forwardedFor;
  return headers;
}

export function upstreamCredentials(
  policy: CredentialPolicy,
  purpose: CallPurpose,
  call: UpstreamCall,
  now: Date,
): Record<string, string> {
  if (purpose.as === 'caller') {
    if (!purpose.caller || !isGraphQLEndpoint(policy, call.url)) return {};
    return callerHeaders(purpose.caller, policy.forwardHost);
  }
  if (!policy.gatewayKeypair || !gatewayReadAllows(purpose.read, call, policy)) return {};
  return signRequestHeaders({
    ...policy.gatewayKeypair,
    method: call.method,
    url: call.url,
    contentType: call.contentType,
    ...(policy.apiVersion ? { apiVersion: policy.apiVersion } : {}),
    date: now,
  });
}
