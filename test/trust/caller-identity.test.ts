import { describe, expect, it } from 'vitest';
import { identifyCaller, parseForwarded } from '../../src/trust/caller-identity.ts';
import { parseTrustedProxies } from '../../src/trust/trusted-proxies.ts';

const RECEIVED = 'http://gateway:4000/admin/gql';
const SPOOF = {
  'x-forwarded-url': 'https://webui.example/func/admin/gql',
  'x-forwarded-for': '203.0.113.9',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
  forwarded: 'for=203.0.113.9;host=evil.example;proto=https',
};

function identify(headers: Record<string, string>, remoteAddress: string | null, trusted = '10.0.0.0/8') {
  return identifyCaller(
    { headers: new Headers(headers), url: RECEIVED, remoteAddress },
    parseTrustedProxies(trusted),
  );
}

describe('identifyCaller', () => {
  it('takes the credential kind from the credential headers alone', () => {
    expect(identify({ 'x-backendai-token': 'eyJ.a.b', authorization: 'BackendAI x' }, null).kind).toBe(
      'token',
    );
    expect(identify({ authorization: 'BackendAI signMethod=HMAC-SHA256, credential=AK:s' }, null).kind).toBe(
      'hmac',
    );
    expect(identify({ authorization: 'Basic dTpw' }, null).kind).toBe('none');
    expect(identify(SPOOF, '192.0.2.1').kind).toBe('none');
  });

  // Regression: a spoofed X-Forwarded-URL once made an anonymous caller the gateway's superadmin.
  it('drops every forwarding header from a peer that is not a trusted proxy', () => {
    const caller = identify(SPOOF, '192.0.2.1');
    expect(caller).toMatchObject({ signedUrl: RECEIVED, forwardedFor: '192.0.2.1', viaTrustedProxy: false });
    expect(caller.credentialHeaders).toEqual({});
  });

  it('believes a trusted proxy about the URL the client signed and the address chain', () => {
    expect(identify(SPOOF, '10.1.2.3')).toMatchObject({
      signedUrl: 'https://webui.example/func/admin/gql',
      forwardedFor: '203.0.113.9, 10.1.2.3',
      viaTrustedProxy: true,
    });
  });

  it('builds the signed URL from Forwarded or X-Forwarded-Host/-Proto/-Prefix when a trusted proxy gives no URL', () => {
    expect(identify({ forwarded: 'host=webui.example;proto=https' }, '10.0.0.1').signedUrl).toBe(
      'https://webui.example/admin/gql',
    );
    expect(
      identify({ 'x-forwarded-host': 'webui.example', 'x-forwarded-prefix': '/func/' }, '10.0.0.1').signedUrl,
    ).toBe('http://webui.example/func/admin/gql');
  });

  it('ignores a forwarded URL that is not an http(s) URL, even from a trusted proxy', () => {
    expect(identify({ 'x-forwarded-url': 'javascript:alert(1)' }, '10.0.0.1').signedUrl).toBe(RECEIVED);
    expect(identify({ 'x-forwarded-url': '/relative' }, '10.0.0.1').signedUrl).toBe(RECEIVED);
  });

  it('trusts nobody by default', () => {
    expect(identify(SPOOF, '127.0.0.1', '').signedUrl).toBe(RECEIVED);
  });
});

describe('parseForwarded', () => {
  it.each([
    ['host=a.example;proto=https', { host: 'a.example', proto: 'https' }],
    ['for=1.2.3.4;Host="b.example:8443", host=c', { host: 'b.example:8443' }],
    ['for=1.2.3.4', {}],
  ])('%s', (value, expected) => {
    expect(parseForwarded(value)).toEqual(expected);
  });
});
