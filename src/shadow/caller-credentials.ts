/**
 * The credentials a shadow replay carries: the caller's own, never the gateway's keypair. A replay cannot
 * be signed anew without the caller's secret, so the caller's X-BackendAI-Token goes as is, and an HMAC
 * caller's Authorization, Date and Version headers go with X-Forwarded-URL naming the URL it signed (the
 * manager checks the signature against that URL; the replayed document is the one the caller sent).
 * This is the one place shadow mode takes credentials from a request.
 */
import { type ClientRequestInfo, forwardedClientHeaders } from '../gateway/upstream-credentials.ts';

/** The caller's forwarded auth headers for a replay to `url`; null when it sent no credentials. */
export function callerCredentialsFor(client: ClientRequestInfo, _url: string): Record<string, string> | null {
  if (!client.headers.get('authorization') && !client.headers.get('x-backendai-token')) return null;
  // The native endpoint is on a manager of 26.2 or later, which reads X-Forwarded-URL: no Host to send.
  return forwardedClientHeaders(client, false);
}
