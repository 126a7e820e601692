/**
 * Request signing checked against an oracle that belongs to neither side: a signature built here with
 * node:crypto, step by step from the signing procedure the manager documents (docs/manager/common-api/
 * auth.rst) and its own tests use (the `get_headers` fixture). The gateway's signer must produce it and the
 * sandbox must accept it, so a fault planted in both the gateway's signer and the sandbox's verifier at
 * once still fails here.
 */
import { createHash, createHmac } from 'node:crypto';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequestHeaders } from '../../src/auth/index.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts';

interface Signed {
  secretKey: string;
  method: string;
  /** The path and query string as on the request line. */
  pathWithQuery: string;
  /** An ISO 8601 date in UTC, sent as the Date header. */
  isoDate: string;
  host: string;
  contentType: string;
  apiVersion: string;
}

/** The documented procedure, written out: nothing of the gateway's or the sandbox's code is used. */
function oracleSignature(signed: Signed): string {
  const stringToSign = [
    signed.method,
    signed.pathWithQuery,
    signed.isoDate,
    `host:${signed.host}`,
    `content-type:${signed.contentType}`,
    `x-backendai-version:${signed.apiVersion}`,
    createHash('sha256').update('').digest('hex'),
  ].join('\n');
  const day = signed.isoDate.slice(0, 10).replaceAll('-', '');
  const dayKey = createHmac('sha256', signed.secretKey).update(day).digest();
  const signingKey = createHmac('sha256', dayKey).update(signed.host).digest();
  return createHmac('sha256', signingKey).update(stringToSign).digest('hex');
}

const SECRET = 'C8qnIo29EZvXkPK_MXcuAakYTy4NYrxwmCEyNPlf';
const ACCESS = 'AKIANABBDUSEREXAMPLE';

describe("the gateway's signer", () => {
  it.each([
    ['POST', 'http://127.0.0.1:8091/admin/gql'],
    ['GET', 'http://manager.example:8081/admin/images/search?offset=10&limit=5'],
    ['GET', 'https://manager.example/admin/images/9e1f3d4c-6f3b-4a55-9c43-0b6f6f3c2a10?trace=a%20b'],
  ])('writes the Authorization header the oracle computes for %s %s', (method, url) => {
    const date = new Date('2024-01-08T23:59:30.250Z');
    const headers = signRequestHeaders({ accessKey: ACCESS, secretKey: SECRET, method, url, date });
    const { host, pathname, search } = new URL(url);
    const signature = oracleSignature({
      secretKey: SECRET,
      method,
      pathWithQuery: pathname + search,
      isoDate: date.toISOString(),
      host,
      contentType: 'application/json',
      apiVersion: headers['x-backendai-version'] as string,
    });
    expect(headers).toMatchObject({
      authorization: `BackendAI signMethod=HMAC-SHA256, credential=${ACCESS}:${signature}`,
      date: date.toISOString(),
      'content-type': 'application/json',
    });
  });
});

describe('the sandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  afterAll(() => sandbox.close());

  /** A request signed by the oracle for `signedPath`, sent to `sentPath`. */
  async function send(signedPath: string, sentPath = signedPath) {
    const host = new URL(sandbox.url).host;
    const isoDate = new Date().toISOString();
    const signature = oracleSignature({
      secretKey: SECRET,
      method: 'POST',
      pathWithQuery: signedPath,
      isoDate,
      host,
      contentType: 'application/json',
      apiVersion: 'v9.20250722',
    });
    const response = await request(`${sandbox.url}${sentPath}`, {
      method: 'POST',
      headers: {
        authorization: `BackendAI signMethod=HMAC-SHA256, credential=${ACCESS}:${signature}`,
        date: isoDate,
        'content-type': 'application/json',
        'x-backendai-version': 'v9.20250722',
      },
      body: JSON.stringify({ query: '{ user { email } }' }),
    });
    return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
  }

  it('accepts a request the oracle signed, as the user whose key signed it', async () => {
    expect(await send('/admin/gql')).toEqual({
      status: 200,
      body: { data: { user: { email: 'user@lablup.com' } } },
    });
  });

  it('accepts a request the oracle signed with its query string', async () => {
    expect((await send('/admin/gql?client=oracle')).status).toBe(200);
  });

  it('refuses a request whose signature left out the query string it was sent with', async () => {
    const response = await send('/admin/gql', '/admin/gql?client=oracle');
    expect([response.status, response.body.msg]).toEqual([401, 'HMAC signature mismatch']);
  });
});
