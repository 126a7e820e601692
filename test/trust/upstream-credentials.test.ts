import { describe, expect, it } from 'vitest';
import { computeSignature, parseAuthorization } from '../../src/auth/index.ts';
import { type CallerIdentity, identifyCaller } from '../../src/trust/caller-identity.ts';
import type { GatewayRead } from '../../src/trust/gateway-reads.ts';
import { parseTrustedProxies } from '../../src/trust/trusted-proxies.ts';
import { type CallPurpose, upstreamCredentials } from '../../src/trust/upstream-credentials.ts';

const GATEWAY = { accessKey: 'AKGATEWAY', secretKey: 'gateway-secret' };
const MANAGER = 'http://manager:8081';
const POLICY = {
  managerUrl: MANAGER,
  graphqlEndpoint: `${MANAGER}/admin/gql`,
  gatewayKeypair: GATEWAY,
  apiVersion: 'v9.20250722',
};
const NOW = new Date('2026-11-22T12:00:00Z');

const call = (method: string, path: string, base = MANAGER) => ({
  method,
  url: `${base}${path}`,
  contentType: 'application/json',
});
const GRAPHQL = call('POST', '/admin/gql');

function caller(headers: Record<string, string>): CallerIdentity {
  return identifyCaller(
    { headers: new Headers(headers), url: 'http://gateway:4000/admin/gql', remoteAddress: '10.0.0.7' },
    parseTrustedProxies(''),
  );
}
const HMAC_CALLER = caller({
  authorization: 'BackendAI signMethod=HMAC-SHA256, credential=AKCALLER:sig',
  date: '2026-11-22T12:00:00Z',
  'x-backendai-version': 'v9.20250722',
});
const TOKEN_CALLER = caller({ 'x-backendai-token': 'eyJ.x.y' });
const ANONYMOUS = caller({ 'x-forwarded-url': 'http://x/y' });

const asCaller = (identity: CallerIdentity | null): CallPurpose => ({ as: 'caller', caller: identity });
const asGateway = (read: GatewayRead): CallPurpose => ({ as: 'gateway', read });

/** Who the manager would take the call to be. */
function presented(headers: Record<string, string>): string {
  if (headers['x-backendai-token']) return `token ${headers['x-backendai-token']}`;
  if (headers.authorization) return `hmac ${parseAuthorization(headers.authorization).accessKey}`;
  return 'nothing';
}

describe('upstreamCredentials: who each upstream call is', () => {
  const cases: [
    string,
    CallPurpose,
    ReturnType<typeof call>,
    typeof POLICY | (Omit<typeof POLICY, 'gatewayKeypair'> & { gatewayKeypair: null }),
    string,
  ][] = [
    ["a caller's HMAC call to the GraphQL endpoint", asCaller(HMAC_CALLER), GRAPHQL, POLICY, 'hmac AKCALLER'],
    [
      "a caller's token call to the GraphQL endpoint",
      asCaller(TOKEN_CALLER),
      GRAPHQL,
      POLICY,
      'token eyJ.x.y',
    ],
    ['an anonymous caller (spoofed X-Forwarded-URL)', asCaller(ANONYMOUS), GRAPHQL, POLICY, 'nothing'],
    ['a request never identified', asCaller(null), GRAPHQL, POLICY, 'nothing'],
    [
      "a caller's call to a REST path",
      asCaller(HMAC_CALLER),
      call('POST', '/admin/images/search'),
      POLICY,
      'nothing',
    ],
    ["a caller's token to a REST path", asCaller(TOKEN_CALLER), call('GET', '/'), POLICY, 'nothing'],
    [
      "a caller's call to another host",
      asCaller(HMAC_CALLER),
      call('POST', '/admin/gql', 'http://evil:8081'),
      POLICY,
      'nothing',
    ],
    ['the registry directory', asGateway('registry-directory'), GRAPHQL, POLICY, 'hmac AKGATEWAY'],
    [
      'the registry directory without a keypair',
      asGateway('registry-directory'),
      GRAPHQL,
      { ...POLICY, gatewayKeypair: null },
      'nothing',
    ],
    [
      'the image catalogue search',
      asGateway('image-catalogue'),
      call('POST', '/admin/images/search'),
      POLICY,
      'hmac AKGATEWAY',
    ],
    [
      'one catalogue image',
      asGateway('image-catalogue'),
      call('GET', '/admin/images/0f8f8a43-0c7b-4fb5-8f9c-1b2a3c4d5e6f'),
      POLICY,
      'hmac AKGATEWAY',
    ],
    [
      'the catalogue read aimed at the GraphQL endpoint',
      asGateway('image-catalogue'),
      GRAPHQL,
      POLICY,
      'nothing',
    ],
    [
      'the catalogue read aimed at another REST path',
      asGateway('image-catalogue'),
      call('POST', '/admin/images/purge'),
      POLICY,
      'nothing',
    ],
    ['the manager version', asGateway('manager-version'), call('GET', '/'), POLICY, 'hmac AKGATEWAY'],
    [
      'the manager version aimed at a mutation path',
      asGateway('manager-version'),
      GRAPHQL,
      POLICY,
      'nothing',
    ],
    [
      'the registry directory aimed at another host',
      asGateway('registry-directory'),
      call('POST', '/admin/gql', 'http://evil:8081'),
      POLICY,
      'nothing',
    ],
  ];

  it.each(cases)('%s: presents %s', (_name, purpose, upstreamCall, policy, expected) => {
    expect(presented(upstreamCredentials(policy, purpose, upstreamCall, NOW))).toBe(expected);
  });

  it("forwards a caller's credential headers unchanged, with the URL it signed and its address", () => {
    expect(upstreamCredentials(POLICY, asCaller(HMAC_CALLER), GRAPHQL, NOW)).toEqual({
      authorization: 'BackendAI signMethod=HMAC-SHA256, credential=AKCALLER:sig',
      date: '2026-11-22T12:00:00Z',
      'x-backendai-version': 'v9.20250722',
      'x-forwarded-url': 'http://gateway:4000/admin/gql',
      'x-forwarded-for': '10.0.0.7',
    });
  });

  it('sends the Host the caller signed to managers that ignore X-Forwarded-URL', () => {
    const headers = upstreamCredentials(
      { ...POLICY, forwardHost: true },
      asCaller(HMAC_CALLER),
      GRAPHQL,
      NOW,
    );
    expect(headers.host).toBe('gateway:4000');
  });

  it("signs a gateway read for exactly the upstream call, with the manager's API version, not a caller's", () => {
    const headers = upstreamCredentials(POLICY, asGateway('registry-directory'), GRAPHQL, NOW);
    expect(headers['x-backendai-version']).toBe('v9.20250722');
    expect(parseAuthorization(headers.authorization as string).signature).toBe(
      computeSignature(GATEWAY.secretKey, {
        method: 'POST',
        pathWithQuery: '/admin/gql',
        rawDate: headers.date as string,
        host: 'manager:8081',
        contentType: 'application/json',
        apiVersion: 'v9.20250722',
      }),
    );
  });

  it('honours a manager mounted under a path prefix', () => {
    const policy = {
      ...POLICY,
      managerUrl: 'http://proxy/manager',
      graphqlEndpoint: 'http://proxy/manager/admin/gql',
    };
    expect(
      presented(
        upstreamCredentials(
          policy,
          asGateway('manager-version'),
          call('GET', '/manager/', 'http://proxy'),
          NOW,
        ),
      ),
    ).toBe('hmac AKGATEWAY');
    expect(
      presented(
        upstreamCredentials(policy, asGateway('manager-version'), call('GET', '/', 'http://proxy'), NOW),
      ),
    ).toBe('nothing');
  });
});
