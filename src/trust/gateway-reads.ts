/**
 * The closed list of reads the gateway makes with its own keypair. Each is installation-wide reference data
 * the gateway owns and may cache for everyone, and each names the only upstream calls it may sign. Nothing
 * else is ever signed with the gateway's keypair: not an image page, a single image, `node`/`nodes`, a
 * legacy field or a mutation. Those carry the caller's own credentials, so the manager decides what each
 * caller sees.
 *
 * (The legacy schema at start-up is the fifth gateway read; it is made before Mesh exists, in
 * src/gateway/legacy-schema.ts, with the same signer.)
 */

export type GatewayRead = 'manager-version' | 'registry-directory' | 'image-catalogue';

export interface UpstreamCall {
  method: string;
  url: string;
  contentType: string;
}

export interface ManagerEndpoints {
  /** Base URL of the manager, `LEGACY_URL`. */
  managerUrl: string;
  /** Its legacy GraphQL endpoint, `<LEGACY_URL>/admin/gql`. */
  graphqlEndpoint: string;
}

function relativePath(endpoints: ManagerEndpoints, url: string): string | null {
  const base = new URL(endpoints.managerUrl);
  const target = new URL(url);
  if (target.origin !== base.origin) return null;
  const basePath = base.pathname.replace(/\/+$/, '');
  if (basePath && !target.pathname.startsWith(`${basePath}/`) && target.pathname !== basePath) return null;
  return target.pathname.slice(basePath.length) || '/';
}

function isGraphQLEndpoint(endpoints: ManagerEndpoints, url: string): boolean {
  const endpoint = new URL(endpoints.graphqlEndpoint);
  const target = new URL(url);
  return target.origin === endpoint.origin && target.pathname === endpoint.pathname;
}

const CATALOGUE_PATH = /^\/admin\/images\/(search|[0-9a-fA-F-]{36})$/;

/** Whether `call` is one the gateway read `read` may sign. */
export function gatewayReadAllows(
  read: GatewayRead,
  call: UpstreamCall,
  endpoints: ManagerEndpoints,
): boolean {
  const path = relativePath(endpoints, call.url);
  if (path === null) return false;
  switch (read) {
    case 'manager-version':
      return call.method === 'GET' && path === '/';
    case 'registry-directory':
      return call.method === 'POST' && isGraphQLEndpoint(endpoints, call.url);
    case 'image-catalogue': {
      const match = CATALOGUE_PATH.exec(path);
      if (!match) return false;
      return match[1] === 'search' ? call.method === 'POST' : call.method === 'GET';
    }
  }
}

export { isGraphQLEndpoint };
