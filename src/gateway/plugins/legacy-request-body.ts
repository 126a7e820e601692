/**
 * Mesh plugin: sends the manager's GraphQL endpoint only the body keys it accepts. Mesh puts an
 * `extensions` object in every upstream GraphQL request; managers up to 26.2 check the body strictly
 * (`query`, `variables`, `operationName`/`operation_name`) and refuse any other key with HTTP 400
 * "extensions is not allowed key". Later managers ignore the key, so dropping it is safe for every release.
 */
import type { MeshPlugin } from '@graphql-mesh/types';

export interface LegacyRequestBodyOptions {
  /** The manager's GraphQL endpoint, `<LEGACY_URL>/admin/gql`; other upstream calls are left alone. */
  endpoint: string;
}

export function withoutExtensions(body: string): string {
  if (!body.includes('"extensions"')) return body;
  const { extensions: _dropped, ...accepted } = JSON.parse(body) as Record<string, unknown>;
  return JSON.stringify(accepted);
}

export default function useLegacyRequestBody(options: LegacyRequestBodyOptions): MeshPlugin<unknown> {
  if (!options?.endpoint) throw new Error('legacy-request-body: `endpoint` is required');
  const endpoint = new URL(options.endpoint);
  const isEndpoint = (url: string) => {
    const target = new URL(url);
    return target.origin === endpoint.origin && target.pathname === endpoint.pathname;
  };
  return {
    onFetch({ url, options: init, setOptions }) {
      if (typeof init.body !== 'string' || !isEndpoint(url)) return;
      setOptions({ ...init, body: withoutExtensions(init.body) });
    },
  };
}
