import { describe, expect, it } from 'vitest';
import { computeSignature, parseAuthorization } from '../../src/auth/index.ts';
import {
  type ClientRequestInfo,
  forwardedClientHeaders,
  upstreamAuthHeaders,
} from '../../src/gateway/upstream-credentials.ts';

const GATEWAY = { accessKey: 'AKGATEWAY', secretKey: 'gateway-secret' };
const CALL = { method: 'POST', url: 'http://manager:8081/admin/gql', contentType: 'application/json' };
const NOW = new Date('2026-11-22T12:00:00Z');

function client(headers: Record<string, string>): ClientRequestInfo {
  return { headers: new Headers(headers), url: 'http://gateway:4000/admin/gql', remoteAddress: '10.0.0.7' };
}

describe('forwardedClientHeaders', () => {
  it("forwards the client's signature unchanged and says which URL it signed", () => {
    const headers = forwardedClientHeaders(
      client({
        authorization: 'BackendAI signMethod=HMAC-SHA256, credential=AK:sig',
        date: '2026-11-22T12:00:00Z',
        'x-backendai-version': 'v9.20250722',
        cookie: 'session=secret',
        'content-length': '99',
      }),
    );
    expect(headers).toEqual({
      authorization: 'BackendAI signMethod=HMAC-SHA256, credential=AK:sig',
      date: '2026-11-22T12:00:00Z',
      'x-backendai-version': 'v9.20250722',
      'x-forwarded-url': 'http://gateway:4000/admin/gql',
      'x-forwarded-for': '10.0.0.7',
    });
  });

  it('forwards a JWT as it is', () => {
    expect(forwardedClientHeaders(client({ 'x-backendai-token': 'eyJ.x.y' }))['x-backendai-token']).toBe(
      'eyJ.x.y',
    );
  });

  it('keeps the URL and client chain a proxy in front of the gateway reported', () => {
    const headers = forwardedClientHeaders(
      client({ 'x-forwarded-url': 'https://webui.example/func/admin/gql', 'x-forwarded-for': '192.0.2.1' }),
    );
    expect(headers['x-forwarded-url']).toBe('https://webui.example/func/admin/gql');
    expect(headers['x-forwarded-for']).toBe('192.0.2.1, 10.0.0.7');
  });
});

describe('upstreamAuthHeaders', () => {
  const caller = client({ authorization: 'BackendAI signMethod=HMAC-SHA256, credential=AKCALLER:sig' });

  it('forward mode sends the caller credentials, never the gateway keypair', () => {
    const headers = upstreamAuthHeaders({ mode: 'forward', gatewayKeypair: GATEWAY }, caller, CALL, NOW);
    expect(headers?.authorization).toContain('credential=AKCALLER:');
  });

  it('sign mode signs the upstream call itself with the gateway keypair', () => {
    const headers = upstreamAuthHeaders({ mode: 'sign', gatewayKeypair: GATEWAY }, caller, CALL, NOW);
    const { accessKey, signature } = parseAuthorization(headers?.authorization as string);
    expect(accessKey).toBe('AKGATEWAY');
    expect(signature).toBe(
      computeSignature(GATEWAY.secretKey, {
        method: 'POST',
        pathWithQuery: '/admin/gql',
        rawDate: headers?.date as string,
        host: 'manager:8081',
        contentType: 'application/json',
        apiVersion: headers?.['x-backendai-version'] as string,
      }),
    );
  });

  it("never forwards the client's signature to another path, where it would authorize a REST call", () => {
    const rest = {
      method: 'POST',
      url: 'http://manager:8081/admin/images/search',
      contentType: 'application/json',
    };
    const signed = upstreamAuthHeaders({ mode: 'forward', gatewayKeypair: GATEWAY }, caller, rest, NOW);
    expect(signed?.authorization).toContain('credential=AKGATEWAY:');
    expect(signed?.['x-forwarded-url']).toBeUndefined();
    expect(upstreamAuthHeaders({ mode: 'forward', gatewayKeypair: null }, caller, rest, NOW)).toBeNull();
    const withToken = client({ authorization: 'BackendAI x', 'x-backendai-token': 'eyJ.t' });
    expect(upstreamAuthHeaders({ mode: 'forward', gatewayKeypair: GATEWAY }, withToken, rest, NOW)).toEqual({
      'x-backendai-token': 'eyJ.t',
    });
  });

  it("signs the gateway's own calls, and has nothing to send without a keypair", () => {
    expect(
      upstreamAuthHeaders({ mode: 'forward', gatewayKeypair: GATEWAY }, null, CALL, NOW)?.authorization,
    ).toContain('credential=AKGATEWAY:');
    expect(upstreamAuthHeaders({ mode: 'forward', gatewayKeypair: null }, null, CALL, NOW)).toBeNull();
  });
});
