import { SignJWT } from 'jose';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeSignature } from '../../src/auth/index.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts';
import { postGraphQL } from '../support/client.ts';

const QUERY = '{ image_nodes(scope_id: "system", first: 1) { count } }';

let v26: Sandbox;
let v25: Sandbox;
beforeAll(async () => {
  [v26, v25] = await Promise.all([
    startSandbox({ port: 0 }),
    startSandbox({ port: 0, managerVersion: '25.6' }),
  ]);
});
afterAll(async () => {
  await Promise.all([v26.close(), v25.close()]);
});

/** A token as Backend.AI's webserver issues them: HS256 with the user's secret key, these four claims. */
const jwt = (secret: string, accessKey: string, role = 'user') =>
  new SignJWT({ access_key: accessKey, role })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(secret));

describe('sandbox authentication', () => {
  it('accepts a valid signature', async () => {
    const response = await postGraphQL(v26.url, QUERY, { keypair: v26.credentials.user });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });

  it('refuses a wrong signature with 401 and the manager problem body', async () => {
    const response = await postGraphQL(v26.url, QUERY, {
      keypair: { ...v26.credentials.user, secretKey: 'wrong' },
    });
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({
      type: 'https://api.backend.ai/probs/auth-failed',
      title: 'Credential/signature mismatch.',
      msg: 'HMAC signature mismatch',
    });
  });

  it('refuses an unknown access key', async () => {
    const response = await postGraphQL(v26.url, QUERY, {
      keypair: { accessKey: 'AKNOBODY', secretKey: 'x' },
    });
    expect(response.status).toBe(401);
    expect(response.body.msg).toBe('Access key not found in HMAC');
  });

  it('refuses a stale date with 400', async () => {
    const response = await postGraphQL(v26.url, QUERY, {
      keypair: v26.credentials.user,
      date: new Date(Date.now() - 20 * 60_000),
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      type: 'https://api.backend.ai/probs/invalid-auth-params',
      msg: 'Date/time sync error',
    });
  });

  it('refuses a request without credentials', async () => {
    const response = await postGraphQL(v26.url, QUERY, { keypair: null });
    expect(response.status).toBe(401);
    expect(response.body.msg).toBe('Unauthorized access');
  });

  it('refuses an API version the release does not know', async () => {
    const response = await postGraphQL(v25.url, QUERY, {
      keypair: v25.credentials.user,
      apiVersion: 'v9.20250722',
    });
    expect(response.status).toBe(400);
    expect(response.body.msg).toBe('Unsupported API version.');
    const ok = await postGraphQL(v25.url, QUERY, {
      keypair: v25.credentials.user,
      apiVersion: 'v8.20240915',
    });
    expect(ok.status).toBe(200);
  });

  it('accepts a JWT signed with the user secret on 26.x, and refuses a forged one', async () => {
    const { accessKey, secretKey } = v26.credentials.user;
    const good = await postGraphQL(v26.url, QUERY, {
      keypair: null,
      headers: { 'x-backendai-token': await jwt(secretKey, accessKey) },
    });
    expect(good.status).toBe(200);
    const forged = await postGraphQL(v26.url, QUERY, {
      keypair: null,
      headers: { 'x-backendai-token': await jwt('not-the-secret', accessKey) },
    });
    expect(forged.status).toBe(401);
    expect(String(forged.body.msg)).toContain('JWT validation failed');
  });

  it('ignores a JWT on 25.6, which predates them', async () => {
    const { accessKey, secretKey } = v25.credentials.user;
    const response = await postGraphQL(v25.url, QUERY, {
      keypair: null,
      headers: { 'x-backendai-token': await jwt(secretKey, accessKey), date: new Date().toUTCString() },
    });
    expect(response.status).toBe(401);
    expect(response.body.msg).toBe('Unauthorized access');
  });

  /** A request signed for another URL (a gateway's), sent to the sandbox with X-Forwarded-URL naming it. */
  async function forwarded(sandbox: Sandbox, withHeader: boolean) {
    const signedUrl = 'http://gateway.example:4000/admin/gql';
    const rawDate = new Date().toISOString();
    const apiVersion = sandbox.version === '25.6' ? 'v8.20240915' : 'v9.20250722';
    const { accessKey, secretKey } = sandbox.credentials.user;
    const signature = computeSignature(secretKey, {
      method: 'POST',
      pathWithQuery: '/admin/gql',
      rawDate,
      host: 'gateway.example:4000',
      contentType: 'application/json',
      apiVersion,
    });
    const response = await request(`${sandbox.url}/admin/gql`, {
      method: 'POST',
      headers: {
        authorization: `BackendAI signMethod=HMAC-SHA256, credential=${accessKey}:${signature}`,
        date: rawDate,
        'x-backendai-version': apiVersion,
        'content-type': 'application/json',
        ...(withHeader ? { 'x-forwarded-url': signedUrl } : {}),
      },
      body: JSON.stringify({ query: QUERY }),
    });
    await response.body.text();
    return response.statusCode;
  }

  it('checks a forwarded signature against X-Forwarded-URL on 26.x', async () => {
    expect(await forwarded(v26, true)).toBe(200);
    expect(await forwarded(v26, false)).toBe(401);
  });

  it('does not know X-Forwarded-URL on 25.6', async () => {
    expect(await forwarded(v25, true)).toBe(401);
  });

  it('accepts anything with authentication off', async () => {
    const open = await startSandbox({ port: 0, auth: false });
    try {
      expect((await postGraphQL(open.url, QUERY, { keypair: null })).status).toBe(200);
    } finally {
      await open.close();
    }
  });
});
