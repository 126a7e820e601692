/**
 * Who a client request is, decided once per request before any resolver runs, from what the request itself
 * carries. The gateway cannot check a Backend.AI signature (it does not know the client's secret key), so
 * it never judges credentials: it passes them to the manager, unchanged, with the URL the client signed,
 * and the manager decides. What it does decide is which of the request's headers to believe:
 *
 * - the credential headers (`Authorization` + date + version, or `X-BackendAI-Token`) are the client's own
 *   and travel as they are; a forged or stale one fails at the manager exactly as it would directly;
 * - where the client signed its request (`signedUrl`) and where it came from (`forwardedFor`) come from
 *   forwarding headers only when the TCP peer is a trusted proxy; otherwise from the request as received.
 *   (The request's own Host is the host the client addressed and signed: a client gains nothing by lying
 *   about it, since its own signature then fails.)
 */
import type { ProxyTrust } from './trusted-proxies.ts';

/** Headers a client sends that authenticate it to a manager, passed on unchanged. */
export const CREDENTIAL_HEADERS = [
  'authorization',
  'date',
  'x-backendai-date',
  'x-backendai-version',
  'x-backendai-token',
  'x-sorna-date',
  'x-sorna-version',
] as const;

export type CredentialKind = 'token' | 'hmac' | 'none';

export interface CallerIdentity {
  /** What the caller presented; `none` is an anonymous caller, whom the manager refuses. */
  kind: CredentialKind;
  /** The caller's credential headers, exactly as sent. */
  credentialHeaders: Readonly<Record<string, string>>;
  /** The URL the caller signed. */
  signedUrl: string;
  /** The client address chain the manager's allowed-IP check reads, nearest hop last. */
  forwardedFor: string | null;
  /** The peer was a trusted proxy, so forwarding headers were believed. */
  viaTrustedProxy: boolean;
}

export interface ReceivedRequest {
  headers: Headers;
  /** The URL as the gateway received it (its Host, its path). */
  url: string;
  /** The TCP peer's address. */
  remoteAddress: string | null;
}

function credentialKind(headers: Record<string, string>): CredentialKind {
  if (headers['x-backendai-token']) return 'token';
  if (/^BackendAI\s/i.test(headers.authorization ?? '')) return 'hmac';
  return 'none';
}

function httpUrl(text: string | null | undefined): string | null {
  if (!text) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The first element of an RFC 7239 `Forwarded` header, as `{ host, proto }`. */
export function parseForwarded(value: string | null): { host?: string; proto?: string } {
  const first = value?.split(',')[0];
  const result: { host?: string; proto?: string } = {};
  for (const pair of first?.split(';') ?? []) {
    const [rawName, ...rest] = pair.split('=');
    const name = rawName?.trim().toLowerCase();
    const raw = rest
      .join('=')
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if ((name === 'host' || name === 'proto') && raw) result[name] = raw;
  }
  return result;
}

/** The URL a client signed, as a trusted proxy in front of the gateway reports it. */
export function urlReportedByProxy(headers: Headers, received: URL): string | null {
  const explicit = httpUrl(headers.get('x-forwarded-url'));
  if (explicit) return explicit;
  const forwarded = parseForwarded(headers.get('forwarded'));
  const host = forwarded.host ?? headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  const proto = forwarded.proto ?? headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  const prefix = headers.get('x-forwarded-prefix')?.trim().replace(/\/+$/, '') ?? '';
  if (!host && !proto && !prefix) return null;
  const path = `${prefix}${received.pathname}${received.search}`;
  return httpUrl(`${proto ?? received.protocol.replace(':', '')}://${host ?? received.host}${path}`);
}

export function identifyCaller(request: ReceivedRequest, proxies: ProxyTrust): CallerIdentity {
  const credentialHeaders: Record<string, string> = {};
  for (const name of CREDENTIAL_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) credentialHeaders[name] = value;
  }
  const viaTrustedProxy = proxies.trusts(request.remoteAddress);
  const received = new URL(request.url);
  const signedUrl = (viaTrustedProxy && urlReportedByProxy(request.headers, received)) || received.href;
  const chain = viaTrustedProxy ? request.headers.get('x-forwarded-for') : null;
  const forwardedFor = [chain, request.remoteAddress].filter(Boolean).join(', ') || null;
  return {
    kind: credentialKind(credentialHeaders),
    credentialHeaders,
    signedUrl,
    forwardedFor,
    viaTrustedProxy,
  };
}

/** A caller that presented nothing, for requests the gateway could not identify (fail closed). */
export function anonymousCaller(url: string): CallerIdentity {
  return { kind: 'none', credentialHeaders: {}, signedUrl: url, forwardedFor: null, viaTrustedProxy: false };
}
