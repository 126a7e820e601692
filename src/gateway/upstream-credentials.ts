/**
 * Which credentials an upstream call carries. Every call the gateway makes for a client carries that
 * client's own credentials, so the manager decides what the client may see, exactly as without the gateway.
 *
 * - `forward` (default): the client's `X-BackendAI-Token` or HMAC headers travel unchanged. A Backend.AI
 *   HMAC signature covers the method, path, Host and date but not the body, so it stays valid for the
 *   rewritten body as long as the manager checks it against the URL the client signed; `X-Forwarded-URL`
 *   tells it that URL (managers 25.13 and later honour it).
 * - `sign`: the gateway signs every call with its own keypair, for managers that cannot check a forwarded
 *   signature. The manager then sees the gateway, not the client: use it only where that is acceptable.
 *
 * Calls the gateway makes for itself (reading the schema at start, looking up registry ids a client's
 * credentials may not list) are signed with the gateway's keypair.
 */
import { signRequestHeaders } from '../auth/index.ts';
import type { Keypair, UpstreamAuthMode } from './settings.ts';

/** Headers a client may send that authenticate it to a manager. */
export const FORWARDED_AUTH_HEADERS = [
  'authorization',
  'date',
  'x-backendai-date',
  'x-backendai-version',
  'x-backendai-token',
  'x-sorna-date',
  'x-sorna-version',
] as const;

export interface ClientRequestInfo {
  headers: Headers;
  /** The URL the client called, as it signed it. */
  url: string;
  /** The client's IP address, for the manager's allowed-IP checks. */
  remoteAddress: string | null;
}

export interface UpstreamCallInfo {
  method: string;
  url: string;
  contentType: string;
}

/**
 * The client's auth headers, and where it signed them. `forwardHost` also sends the client's Host: managers
 * before 25.13 ignore X-Forwarded-URL and check the signature against the Host they receive.
 */
export function forwardedClientHeaders(
  client: ClientRequestInfo,
  forwardHost = false,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_AUTH_HEADERS) {
    const value = client.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  // A proxy in front of the gateway may already have said which URL the client signed.
  const signedUrl = client.headers.get('x-forwarded-url') ?? client.url;
  headers['x-forwarded-url'] = signedUrl;
  if (forwardHost) headers.host = new URL(signedUrl).host;
  const forwardedFor = [client.headers.get('x-forwarded-for'), client.remoteAddress]
    .filter(Boolean)
    .join(', ');
  if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
  return headers;
}

export function gatewaySignedHeaders(
  keypair: Keypair,
  call: UpstreamCallInfo,
  apiVersion: string | undefined,
  date: Date,
): Record<string, string> {
  return signRequestHeaders({
    accessKey: keypair.accessKey,
    secretKey: keypair.secretKey,
    method: call.method,
    url: call.url,
    contentType: call.contentType,
    ...(apiVersion ? { apiVersion } : {}),
    date,
  });
}

export interface CredentialPolicy {
  mode: UpstreamAuthMode;
  gatewayKeypair: Keypair | null;
  /** The API version to sign the gateway's own calls with (the manager's, from `GET /`). */
  apiVersion?: string | undefined;
  /** Send the client's Host too, for managers that do not read X-Forwarded-URL. */
  forwardHost?: boolean;
}

function pathOf(url: string): string {
  return new URL(url).pathname;
}

/**
 * The auth headers of one upstream call: the client's (forward mode), or the gateway's signature (sign mode,
 * and calls made for the gateway itself). Null when a gateway call has no keypair to sign with.
 *
 * A client's HMAC signature covers its own request only: it is forwarded for the same path it signed
 * (`/admin/gql`), never for another (a REST call), where the manager, reading X-Forwarded-URL, would
 * otherwise accept it. There a client token is forwarded if the client sent one, else the gateway signs.
 */
export function upstreamAuthHeaders(
  policy: CredentialPolicy,
  client: ClientRequestInfo | null,
  call: UpstreamCallInfo,
  now: Date,
): Record<string, string> | null {
  if (client && policy.mode === 'forward') {
    const signedUrl = client.headers.get('x-forwarded-url') ?? client.url;
    if (pathOf(signedUrl) === pathOf(call.url)) return forwardedClientHeaders(client, policy.forwardHost);
    const token = client.headers.get('x-backendai-token');
    if (token) return { 'x-backendai-token': token };
  }
  if (!policy.gatewayKeypair) return null;
  const apiVersion = client?.headers.get('x-backendai-version') ?? policy.apiVersion;
  return gatewaySignedHeaders(policy.gatewayKeypair, call, apiVersion, now);
}
