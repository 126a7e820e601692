/**
 * Has the manager check a caller's credentials with the cheapest query there is (`{ __typename }`), for
 * operations the gateway would otherwise answer without asking the manager anything. The call carries the
 * caller's credentials exactly as the caller's other calls do (src/trust/upstream-credentials.ts).
 */
import { request } from 'undici';
import { type ManagerRefusal, managerRefusalOf, upstreamError } from '../errors/index.ts';
import type { CallerIdentity } from '../trust/caller-identity.ts';
import { type CredentialPolicy, upstreamCredentials } from '../trust/upstream-credentials.ts';

const PROBE = JSON.stringify({ query: '{ __typename }' });

export function callerChecker(policy: CredentialPolicy, timeoutMs: number) {
  return async (caller: CallerIdentity): Promise<ManagerRefusal | null> => {
    const call = { method: 'POST', url: policy.graphqlEndpoint, contentType: 'application/json' };
    const headers = {
      'content-type': call.contentType,
      ...upstreamCredentials(policy, { as: 'caller', caller }, call, new Date()),
    };
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(call.url, {
        method: 'POST',
        headers,
        body: PROBE,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw /TIMEOUT/.test(code ?? '') ? upstreamError('timeout') : upstreamError('unreachable', code);
    }
    const body = await response.body.text();
    return managerRefusalOf(response.statusCode, String(response.headers['content-type'] ?? ''), body);
  };
}
