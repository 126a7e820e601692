/**
 * Mesh plugin: puts the right credentials on every upstream call, as src/trust/upstream-credentials.ts
 * decides, and notes the manager's HTTP-level refusal of a caller so the server can relay it as the
 * manager gave it. Configured in .meshrc.yaml; the keypair is GATEWAY_ACCESS_KEY / GATEWAY_SECRET_KEY.
 */
import type { MeshPlugin } from '@graphql-mesh/types';
import { managerRefusalOf } from '../../errors/index.ts';
import { CREDENTIAL_HEADERS } from '../../trust/caller-identity.ts';
import { callerOf, gatewayReadOf, rememberRefusal } from '../../trust/request-trust.ts';
import { type CallPurpose, upstreamCredentials } from '../../trust/upstream-credentials.ts';

export interface UpstreamCredentialsOptions {
  /** The manager's base URL, `LEGACY_URL`. */
  managerUrl: string;
  accessKey?: string;
  secretKey?: string;
  /** The API version the manager announces at GET /, for the gateway's own signatures. */
  apiVersion?: string;
  /** "true" sends the caller's signed Host upstream (managers before 25.13 do not read X-Forwarded-URL). */
  forwardHost?: string | boolean;
}

interface RequestContext {
  request?: Request;
}

/** Headers only this plugin may set: whatever else put them on a call is dropped first. */
const MANAGED_HEADERS = new Set<string>([
  ...CREDENTIAL_HEADERS,
  'x-forwarded-url',
  'x-forwarded-for',
  'host',
]);

function headerRecord(headers: HeadersInit | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  new Headers(headers).forEach((value, name) => {
    if (!MANAGED_HEADERS.has(name)) record[name] = value;
  });
  return record;
}

export default function useUpstreamCredentials(
  options: UpstreamCredentialsOptions,
): MeshPlugin<RequestContext> {
  if (!options?.managerUrl) throw new Error('upstream-credentials: `managerUrl` is required');
  const managerUrl = options.managerUrl.replace(/\/+$/, '');
  const policy = {
    managerUrl,
    graphqlEndpoint: `${managerUrl}/admin/gql`,
    gatewayKeypair:
      options.accessKey && options.secretKey
        ? { accessKey: options.accessKey, secretKey: options.secretKey }
        : null,
    apiVersion: options.apiVersion || undefined,
    forwardHost: options.forwardHost === true || options.forwardHost === 'true',
  };

  return {
    onFetch({ url, options: init, setOptions, context }) {
      const headers = headerRecord(init.headers as HeadersInit | undefined);
      const read = gatewayReadOf(context);
      const purpose: CallPurpose = read
        ? { as: 'gateway', read }
        : { as: 'caller', caller: callerOf(context?.request) };
      const call = {
        method: init.method ?? 'GET',
        url,
        contentType: headers['content-type'] ?? 'application/json',
      };
      setOptions({
        ...init,
        headers: { ...headers, ...upstreamCredentials(policy, purpose, call, new Date()) },
      });
      if (purpose.as !== 'caller') return;
      return async ({ response }) => {
        if (response.status < 400) return;
        const refusal = managerRefusalOf(
          response.status,
          response.headers.get('content-type'),
          await response.clone().text(),
        );
        if (refusal) rememberRefusal(context?.request, refusal);
      };
    },
  };
}
