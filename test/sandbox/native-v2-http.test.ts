/**
 * The native v2 endpoint on the wire, per release, over real HTTP: beside the legacy API on the same
 * server, signed and verified like it, with each release's refusals, body reading and answer shape.
 */
import { SignJWT } from 'jose';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { signRequestHeaders } from '../../src/auth/index.ts';
import { NATIVE_RELEASES, sandboxOptionsFromEnv } from '../../src/sandbox/index.ts';
import { postGraphQL } from '../support/client.ts';
import { call, sandboxesClosedAfterEach } from './helpers.ts';
import { NATIVE_PATH, native, nativeData, nativeSandboxesPerRelease } from './native-v2-client.ts';

const COUNT =
  '{ containerRegistryImagesV2(scope: { registryId: "00000000-0000-4000-8000-000000000000" }) { count } }';

const sandboxes = nativeSandboxesPerRelease();

const sandboxOf = sandboxesClosedAfterEach();

describe.each(NATIVE_RELEASES)('%s', (release) => {
  const sandbox = () => sandboxes[release];

  it('serves the native API beside the legacy one, over the same rows', async () => {
    const legacy = await postGraphQL<{ images: { id: string }[] }>(
      sandbox().url,
      '{ images(is_operation: null, filter_by_statuses: [ALIVE, DELETED], load_filters: ["general", "operational", "customized"]) { id } }',
      { keypair: sandbox().credentials.superadmin, apiVersion: 'v9.20250722' },
    );
    const nativeCount = await nativeData<{ adminImagesV2: { count: number } }>(
      sandbox(),
      '{ adminImagesV2 { count } }',
    );
    expect(legacy.status).toBe(200);
    expect(nativeCount.adminImagesV2.count).toBe(sandbox().dataset.images.length);
    expect(legacy.body.data?.images.length).toBe(sandbox().dataset.images.length);
  });

  it('announces its own release at GET /', async () => {
    const hello = await call(sandbox(), 'GET', '/', { who: null });
    expect(hello.body).toEqual({ version: 'v9.20250722', manager: `${release}.0` });
  });

  it('refuses a signature made for another path (the path is signed)', async () => {
    const url = `${sandbox().url}${NATIVE_PATH}`;
    const headers = signRequestHeaders({
      ...sandbox().credentials.superadmin,
      method: 'POST',
      url: `${sandbox().url}/admin/gql`,
      apiVersion: 'v9.20250722',
    });
    const response = await request(url, { method: 'POST', headers, body: JSON.stringify({ query: COUNT }) });
    expect(response.statusCode).toBe(401);
    expect(await response.body.json()).toMatchObject({ msg: 'HMAC signature mismatch' });
  });

  it('refuses a wrong secret key and an unknown access key', async () => {
    const forged = { accessKey: sandbox().credentials.user.accessKey, secretKey: 'not-the-secret' };
    const wrongSecret = await postGraphQL(sandbox().url, COUNT, { keypair: forged, path: NATIVE_PATH });
    const unknown = await postGraphQL(sandbox().url, COUNT, {
      keypair: { accessKey: 'AKNOBODY', secretKey: 'x' },
      path: NATIVE_PATH,
    });
    expect([wrongSecret.status, wrongSecret.body.msg]).toEqual([401, 'HMAC signature mismatch']);
    expect([unknown.status, unknown.body.msg]).toEqual([401, 'Access key not found in HMAC']);
  });

  it('takes a JWT as the legacy API does, with the user row deciding the role', async () => {
    const { accessKey, secretKey } = sandbox().credentials.user;
    const token = await new SignJWT({ access_key: accessKey, role: 'superadmin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(secretKey));
    const headers = { 'x-backendai-token': token };
    expect((await native(sandbox(), COUNT, { who: null, headers })).body.data).toEqual({
      containerRegistryImagesV2: { count: 0 },
    });
    const admin = await native(sandbox(), '{ adminImagesV2 { count } }', { who: null, headers });
    expect(admin.body.errors?.[0]?.message).toBe('Admin exclusive access');
  });

  it('refuses an API version the release does not know', async () => {
    const response = await native(sandbox(), COUNT, { apiVersion: 'v1.20160915' });
    expect([response.status, response.body.msg]).toEqual([400, 'Unsupported API version.']);
  });

  it('answers other methods with 405', async () => {
    expect((await call(sandbox(), 'GET', NATIVE_PATH)).status).toBe(405);
  });

  it('answers a query that does not parse with 200 and the syntax error', async () => {
    const response = await native(sandbox(), '{ adminImagesV2 {');
    expect(response.status).toBe(200);
    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]?.message).toMatch(/^Syntax Error/);
  });
});

describe('what differs on the wire between releases', () => {
  it('refuses a caller without credentials in the release own words', async () => {
    const [v26_2, v26_4] = await Promise.all([
      native(sandboxes['26.2'], COUNT, { who: null }),
      native(sandboxes['26.4'], COUNT, { who: null }),
    ]);
    expect([v26_2.status, v26_2.body]).toEqual([
      401,
      {
        type: 'https://api.backend.ai/probs/auth-failed',
        title: 'Credential/signature mismatch.',
        error_code: 'user_auth_unauthorized',
        msg: 'Unauthorized access to GraphQL endpoint',
      },
    ]);
    expect([v26_4.status, v26_4.body.msg]).toEqual([401, 'Unauthorized access']);
  });

  it('answers without an errors key on 26.2 (strawberry) and with errors: null from 26.4', async () => {
    expect((await native(sandboxes['26.2'], COUNT)).body).toEqual({
      data: { containerRegistryImagesV2: { count: 0 } },
    });
    expect((await native(sandboxes['26.8'], COUNT)).body).toEqual({
      data: { containerRegistryImagesV2: { count: 0 } },
      errors: null,
    });
  });

  it('reads a 26.2 body with strawberry: extensions allowed, refusals in plain text', async () => {
    const v26_2 = sandboxes['26.2'];
    const withExtensions = await native(v26_2, COUNT, { extensions: { persistedQuery: { version: 1 } } });
    expect(withExtensions.body.data).toEqual({ containerRegistryImagesV2: { count: 0 } });
    const badJson = await call(v26_2, 'POST', NATIVE_PATH, { rawBody: '{"query": ' });
    expect([badJson.status, badJson.body.raw, badJson.headers['content-type']]).toEqual([
      400,
      'Unable to parse request body as JSON',
      'text/plain; charset=utf-8',
    ]);
  });

  it('reads a 26.4 body as the manager own GraphQLRequest, refusing with a problem body', async () => {
    const badJson = await call(sandboxes['26.4'], 'POST', NATIVE_PATH, { rawBody: '{"query": ' });
    expect([badJson.status, badJson.body.title]).toEqual([400, 'Malformed request body.']);
  });

  it('always allows introspection on 26.2, and follows the manager setting from 26.4', async () => {
    const [v26_2, v26_4] = await Promise.all([
      sandboxOf({ managerVersion: '26.2', introspection: false }),
      sandboxOf({ managerVersion: '26.4', introspection: false }),
    ]);
    const query = '{ __schema { queryType { name } } }';
    expect((await native(v26_2, query)).body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await native(v26_4, query)).body.errors?.[0]?.message).toBe(
      "Cannot query '__schema': introspection is disabled.",
    );
  });

  it('has no native endpoint on the legacy-only releases', async () => {
    const [v26_1, v26_3] = await Promise.all([
      sandboxOf({ managerVersion: '26.1' }),
      sandboxOf({ managerVersion: '26.3' }),
    ]);
    for (const sandbox of [v26_1, v26_3]) {
      const response = await native(sandbox, COUNT);
      expect([response.status, response.body.data]).toEqual([404, NATIVE_PATH]);
    }
  });

  it('accepts unauthenticated callers as the superadmin with authentication off', async () => {
    const sandbox = await sandboxOf({ managerVersion: '26.8', auth: false });
    expect((await native(sandbox, '{ adminImagesV2 { count } }', { who: null })).body.data).toEqual({
      adminImagesV2: { count: sandbox.dataset.images.length },
    });
  });

  it('goes through the sandbox faults and counters like every path', async () => {
    const sandbox = await sandboxOf({ managerVersion: '26.4', fault: { kind: 'status', status: 503 } });
    expect((await native(sandbox, COUNT)).status).toBe(503);
    expect(sandbox.stats.byPath[NATIVE_PATH]).toBe(1);
  });
});

describe('SANDBOX_MANAGER_VERSION', () => {
  it.each(NATIVE_RELEASES)('accepts %s', (release) => {
    expect(sandboxOptionsFromEnv({ SANDBOX_MANAGER_VERSION: release }).managerVersion).toBe(release);
  });

  it('names every release it accepts when refusing one', () => {
    expect(() => sandboxOptionsFromEnv({ SANDBOX_MANAGER_VERSION: '26.5' })).toThrow(
      'SANDBOX_MANAGER_VERSION must be one of 25.6, 26.1, 26.2, 26.3, 26.4, 26.8, got "26.5"',
    );
  });
});
