/**
 * The credentials a shadow replay carries: the caller's own, never the gateway's keypair. A replay cannot
 * be signed anew without the caller's secret, so the caller's credential headers go as they came (a token,
 * or HMAC Authorization, Date and Version) with X-Forwarded-URL naming the URL it signed; the manager checks
 * the signature against that URL. The caller is the one the trust boundary decided for the request
 * (src/trust/caller-identity.ts), so forwarding headers count only from trusted proxies here too.
 */
import type { CallerIdentity } from '../trust/caller-identity.ts';
import { callerHeaders } from '../trust/upstream-credentials.ts';

/** The caller's headers for a replay; null when it presented no credentials (nothing is replayed). */
export function callerCredentialsFor(caller: CallerIdentity | null): Record<string, string> | null {
  if (!caller || caller.kind === 'none') return null;
  // The native endpoint is on a manager of 26.2 or later, which reads X-Forwarded-URL: no Host to send.
  return callerHeaders(caller, false);
}
