/** Authentication per release, over real HTTP: HMAC, dates, JWTs, X-Forwarded-URL, and the refusals. */
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

/** A token as Backend.AI's webserver issues them: HS256 with the user's secret key and these claims. */
function jwt(secret: string, claims: Record<string, unknown>, expiresIn: string | number = '5m') {
  const token = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' });
  if (!('iat' in claims)) token.setIssuedAt();
  if (!('exp' in claims)) token.setExpirationTime(expiresIn);
  return token.sign(new TextEncoder().encode(secret));
}

const userClaims = () => ({ access_key: v26.credentials.user.accessKey, role: 'user' });
const withToken = (sandbox: Sandbox, token: string) =>
  postGraphQL(sandbox.url, QUERY, { keypair: null, headers: { 'x-backendai-token': token } });

/** A request signed with the given pieces, sent raw. */
async function signed(
  sandbox: Sandbox,
  options: {
    date?: string;
    signMethod?: string;
    apiVersion?: string | null;
    host?: string;
    path?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const rawDate = options.date ?? new Date().toUTCString();
  const apiVersion =
    options.apiVersion === undefined
      ? sandbox.version === '25.6'
        ? 'v8.20240915'
        : 'v9.20250722'
      : options.apiVersion;
  const { accessKey, secretKey } = sandbox.credentials.user;
  const signature = computeSignature(secretKey, {
    method: 'POST',
    pathWithQuery: options.path ?? '/admin/gql',
    rawDate,
    host: options.host ?? new URL(sandbox.url).host,
    contentType: 'application/json',
    apiVersion: apiVersion ?? '',
  });
  const response = await request(`${sandbox.url}/admin/gql`, {
    method: 'POST',
    headers: {
      authorization: `BackendAI signMethod=${options.signMethod ?? 'HMAC-SHA256'}, credential=${accessKey}:${signature}`,
      date: rawDate,
      'content-type': 'application/json',
      ...(apiVersion ? { 'x-backendai-version': apiVersion } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query: QUERY }),
  });
  const text = await response.body.text();
  return { status: response.statusCode, body: JSON.parse(text) as Record<string, unknown> };
}

describe('HMAC', () => {
  it('accepts a valid signature, with an RFC 1123 or ISO date', async () => {
    expect((await signed(v26)).status).toBe(200);
    expect((await signed(v26, { date: new Date().toISOString() })).status).toBe(200);
    expect((await signed(v25)).status).toBe(200);
  });

  it('refuses a wrong signature with 401 and the manager problem body', async () => {
    const response = await postGraphQL(v26.url, QUERY, {
      keypair: { ...v26.credentials.user, secretKey: 'wrong' },
    });
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toEqual({
      type: 'https://api.backend.ai/probs/auth-failed',
      title: 'Credential/signature mismatch.',
      error_code: 'user_auth_unauthorized',
      msg: 'HMAC signature mismatch',
    });
  });

  it.each([
    ['26.1', { date: new Date(Date.now() - 20 * 60_000).toUTCString() }, 400, 'Date/time sync error'],
    ['26.1', { apiVersion: null }, 400, 'API version missing in request headers'],
    ['26.1', { apiVersion: 'v1.20160915' }, 400, 'Unsupported API version.'],
    ['26.1', { signMethod: 'RSA-SHA256' }, 400, 'Unsupported request signing method (MAC type)'],
    ['26.1', { signMethod: 'HMAC-WHIRLPOOL' }, 400, 'Unsupported request signing method (hash type)'],
    ['26.1', { host: 'elsewhere:1' }, 401, 'HMAC signature mismatch'],
    ['25.6', { host: 'elsewhere:1' }, 401, 'Signature mismatch'],
  ] as const)('%s refuses %j', async (version, options, status, msg) => {
    const response = await signed(version === '25.6' ? v25 : v26, options);
    expect(response.status).toBe(status);
    expect(response.body.msg).toBe(msg);
  });

  it('refuses an unknown access key', async () => {
    const response = await postGraphQL(v26.url, QUERY, {
      keypair: { accessKey: 'AKNOBODY', secretKey: 'x' },
    });
    expect([response.status, response.body.msg]).toEqual([401, 'Access key not found in HMAC']);
    const old = await postGraphQL(v25.url, QUERY, {
      keypair: { accessKey: 'AKNOBODY', secretKey: 'x' },
      apiVersion: 'v8.20240915',
    });
    expect([old.status, old.body.msg]).toEqual([401, 'Access key not found']);
  });

  it('refuses a request without credentials (25.6 looks at the date first)', async () => {
    const response = await postGraphQL(v26.url, QUERY, { keypair: null });
    expect([response.status, response.body.msg]).toEqual([401, 'Unauthorized access']);
    const old = await postGraphQL(v25.url, QUERY, { keypair: null });
    expect([old.status, old.body]).toEqual([
      400,
      {
        type: 'https://api.backend.ai/probs/invalid-auth-params',
        title: 'Missing or invalid authorization parameters.',
        msg: 'Date/time sync error',
      },
    ]);
  });
});

describe('X-Forwarded-URL', () => {
  const gateway = {
    host: 'gateway.example:4000',
    headers: { 'x-forwarded-url': 'http://gateway.example:4000/admin/gql' },
  };

  it('checks a signature made for another URL against X-Forwarded-URL (25.13+)', async () => {
    expect((await signed(v26, gateway)).status).toBe(200);
    expect((await signed(v26, { host: gateway.host })).status).toBe(401);
  });

  it('is unknown to 25.6', async () => {
    expect((await signed(v25, gateway)).status).toBe(401);
  });
});

describe('JWT (X-BackendAI-Token)', () => {
  it('accepts a token signed with the user secret key; the user row decides the role', async () => {
    const token = await jwt(v26.credentials.user.secretKey, { ...userClaims(), role: 'superadmin' });
    const response = await postGraphQL(v26.url, '{ user { role } }', {
      keypair: null,
      headers: { 'x-backendai-token': token },
    });
    expect(response.body.data).toEqual({ user: { role: 'user' } });
  });

  it.each([
    [
      'a wrong key',
      () => jwt('not-the-secret', userClaims()),
      'JWT validation failed: JWT signature verification failed. (JWT signature verification failed)',
    ],
    [
      'an expired token',
      () => jwt(v26.credentials.user.secretKey, userClaims(), Math.floor(Date.now() / 1000) - 60),
      'JWT validation failed: JWT token has expired. (JWT token has expired)',
    ],
    [
      'no role',
      () => jwt(v26.credentials.user.secretKey, { access_key: v26.credentials.user.accessKey }),
      "JWT validation failed: JWT claims are invalid. (JWT claims are invalid: 'role')",
    ],
    [
      'no access key',
      () => jwt(v26.credentials.user.secretKey, { role: 'user' }),
      'Access key not found in JWT token',
    ],
    [
      'an unknown access key',
      () => jwt('x', { access_key: 'AKNOBODY', role: 'user' }),
      'Access key not found in database',
    ],
  ])('refuses %s with 401', async (_, make, msg) => {
    const response = await withToken(v26, await make());
    expect([response.status, response.body.msg]).toEqual([401, msg]);
  });

  it('answers a token that is no JWT with the 500 the manager gives', async () => {
    expect((await withToken(v26, 'not-a-jwt')).status).toBe(500);
  });

  it('is not read by 25.6', async () => {
    const token = await jwt(v25.credentials.user.secretKey, userClaims());
    const response = await postGraphQL(v25.url, QUERY, {
      keypair: null,
      headers: { 'x-backendai-token': token, date: new Date().toUTCString() },
    });
    expect([response.status, response.body.msg]).toEqual([401, 'Unauthorized access']);
  });
});

describe('authentication off', () => {
  it('serves unauthenticated requests as the superadmin', async () => {
    const open = await startSandbox({ port: 0, auth: false });
    try {
      const response = await postGraphQL(open.url, '{ user { role } }', { keypair: null });
      expect(response.body.data).toEqual({ user: { role: 'superadmin' } });
    } finally {
      await open.close();
    }
  });
});
