/**
 * The trust boundary, end to end: a real gateway in front of the sandbox manager, with a recording hop
 * between them. Every case sends the same request to the gateway and straight to the manager and expects
 * the caller to get what the manager would give that caller, never more.
 */
import { Kind, parse } from 'graphql';
import { SignJWT } from 'jose';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAuthorization, signRequestHeaders } from '../../src/auth/index.ts';
import { type RunningGateway, startGateway } from '../../src/gateway/start.ts';
import { encodeGlobalId } from '../../src/relay/index.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts';
import type { Keypair } from '../support/client.ts';
import { type RecordingProxy, startRecordingProxy } from '../support/recording-proxy.ts';

const WHO_AM_I = '{ user { email role } }';
const SPOOFED = {
  'x-forwarded-url': 'http://x/y',
  'x-forwarded-host': 'manager.internal',
  forwarded: 'for=10.0.0.1;host=manager.internal;proto=http',
  'x-forwarded-for': '10.0.0.1',
};

/** The root fields an upstream GraphQL request asks for. */
function rootFieldsOf(query: string): string[] {
  const operation = parse(query).definitions[0];
  if (operation?.kind !== Kind.OPERATION_DEFINITION) return [];
  return operation.selectionSet.selections.flatMap((selection) =>
    selection.kind === Kind.FIELD ? [selection.name.value] : [],
  );
}

interface Answer {
  status: number;
  body: unknown;
}

async function post(url: string, query: string, headers: Record<string, string>): Promise<Answer> {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables: {} }),
  });
  const text = await response.body.text();
  return { status: response.statusCode, body: JSON.parse(text) };
}

/** Headers signed for `url` as a Backend.AI client signs them. */
function signedFor(url: string, keypair: Keypair, options: { date?: Date; apiVersion?: string } = {}) {
  return signRequestHeaders({ ...keypair, method: 'POST', url, ...options });
}

let sandbox: Sandbox;
let hop: RecordingProxy;
let gateway: RunningGateway;
let trustingGateway: RunningGateway;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  hop = await startRecordingProxy(sandbox.url);
  const env = {
    PORT: '0',
    LEGACY_URL: hop.url,
    GATEWAY_ACCESS_KEY: sandbox.credentials.superadmin.accessKey,
    GATEWAY_SECRET_KEY: sandbox.credentials.superadmin.secretKey,
    V2_PROFILE: 'release',
  };
  gateway = await startGateway(env);
  // The test client connects from loopback: here it plays a trusted proxy such as the web UI's webserver.
  trustingGateway = await startGateway({ ...env, TRUSTED_PROXIES: '127.0.0.1, ::1' });
});

afterAll(async () => {
  await gateway?.close();
  await trustingGateway?.close();
  await hop?.close();
  await sandbox?.close();
});

/** The same request, signed the same way, to the gateway and to the manager. */
async function throughBoth(
  query: string,
  headersFor: (url: string) => Record<string, string> | Promise<Record<string, string>>,
): Promise<[Answer, Answer]> {
  const viaGateway = `${gateway.url}/admin/gql`;
  const direct = `${sandbox.url}/admin/gql`;
  return Promise.all([
    post(viaGateway, query, await headersFor(viaGateway)),
    post(direct, query, await headersFor(direct)),
  ]);
}

describe('a caller without valid credentials gets what the manager gives it: a refusal', () => {
  // Regression: `X-Forwarded-URL: http://x/y` with no credentials answered as the gateway's superadmin.
  it.each([
    ['X-Forwarded-URL', { 'x-forwarded-url': 'http://x/y' }],
    ['a proxied web UI path', { 'x-forwarded-url': 'https://webui.example/func/admin/gql' }],
    ['X-Forwarded-Host', { 'x-forwarded-host': 'manager.internal' }],
    ['Forwarded', { forwarded: 'host=manager.internal;proto=http' }],
    ['X-Forwarded-For', { 'x-forwarded-for': '127.0.0.1' }],
    ['no header at all', {}],
  ])('no credentials, spoofed %s', async (_name, spoofed) => {
    const [viaGateway, direct] = await throughBoth(WHO_AM_I, () => spoofed);
    expect(direct.status).toBe(401);
    expect(viaGateway).toEqual(direct);
  });

  it('a forged signature for the superadmin access key, with spoofed forwarding headers', async () => {
    const forged = (url: string) => ({
      ...signedFor(url, { accessKey: sandbox.credentials.superadmin.accessKey, secretKey: 'guessed' }),
      ...SPOOFED,
    });
    const [viaGateway, direct] = await throughBoth(WHO_AM_I, forged);
    expect(direct.status).toBe(401);
    expect(viaGateway).toEqual(direct);
  });

  it.each([
    [
      'a wrong secret key',
      (url: string) => signedFor(url, { ...sandbox.credentials.user, secretKey: 'wrong' }),
    ],
    [
      'a stale date',
      (url: string) => signedFor(url, sandbox.credentials.user, { date: new Date(Date.now() - 3_600_000) }),
    ],
    [
      'an unknown access key',
      (url: string) => signedFor(url, { accessKey: 'AKUNKNOWN0000000', secretKey: 'x' }),
    ],
    [
      'an unsupported API version',
      (url: string) => signedFor(url, sandbox.credentials.user, { apiVersion: 'v1.20160915' }),
    ],
  ])("%s: the manager's own status and problem body", async (_name, headersFor) => {
    const [viaGateway, direct] = await throughBoth(WHO_AM_I, headersFor);
    expect(direct.status).toBeGreaterThanOrEqual(400);
    expect(viaGateway).toEqual(direct);
  });

  it('a JWT missing claims', async () => {
    const token = await new SignJWT({ access_key: sandbox.credentials.user.accessKey })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(sandbox.credentials.user.secretKey));
    const [viaGateway, direct] = await throughBoth(WHO_AM_I, () => ({
      'x-backendai-token': token,
      ...SPOOFED,
    }));
    expect(direct.status).toBe(401);
    expect(viaGateway).toEqual(direct);
  });

  it('an anonymous mutation is refused and changes nothing', async () => {
    const image = sandbox.dataset.images.find((candidate) => candidate.status === 'ALIVE');
    const mutation = `mutation { forget_image_by_id(image_id: "${image?.id}") { ok msg } }`;
    const [viaGateway, direct] = await throughBoth(mutation, () => SPOOFED);
    expect(direct.status).toBe(401);
    expect(viaGateway).toEqual(direct);
    expect(image?.status).toBe('ALIVE');
  });

  it('an anonymous introspection query, which the gateway could answer alone, is refused as the manager refuses it', async () => {
    const query = '{ __schema { queryType { name } } }';
    const [viaGateway, direct] = await throughBoth(query, () => SPOOFED);
    expect(direct.status).toBe(401);
    expect(viaGateway).toEqual(direct);
  });

  it('an anonymous ImageV2 query is refused as the manager refuses its legacy read', async () => {
    const [viaGateway, direct] = await throughBoth(
      '{ adminImagesV2 { count edges { node { id registryId } } } }',
      () => SPOOFED,
    );
    const [, legacyDirect] = await throughBoth(
      '{ image_nodes(scope_id: "system") { count } }',
      () => SPOOFED,
    );
    expect(direct.status).toBe(401);
    expect(viaGateway).toEqual(legacyDirect);
  });

  // ImageV2 reads reach the manager through the legacy transport (pre-built documents through Mesh's
  // executor), not through Mesh's delegation: each read shape is refused as the manager refuses the caller.
  const imageV2Reads = (ids: string[]) => [
    ['a whole-table listing', '{ adminImagesV2(limit: 5) { count edges { node { id registryId } } } }'],
    ['a listing by named ids', `{ adminImagesV2(filter: { id: { in: ${JSON.stringify(ids)} } }) { count } }`],
    ['one image by id', `{ imageV2(id: "${ids[0]}") { id } }`],
    [
      'nodes by global id',
      `{ nodes(ids: ${JSON.stringify(ids.map((id) => encodeGlobalId('ImageV2', id)))}) { id } }`,
    ],
  ];
  const badCredentials: [string, (url: string) => Record<string, string>][] = [
    ['no credentials', () => SPOOFED],
    [
      'a forged superadmin signature',
      (url) => ({
        ...signedFor(url, { accessKey: sandbox.credentials.superadmin.accessKey, secretKey: 'guessed' }),
        ...SPOOFED,
      }),
    ],
    [
      'a stale date',
      (url) => ({
        ...signedFor(url, sandbox.credentials.superadmin, { date: new Date(Date.now() - 3_600_000) }),
        ...SPOOFED,
      }),
    ],
  ];
  it.each(badCredentials)(
    '%s, spoofed forwarding headers: every ImageV2 read shape is refused as the manager refuses',
    async (_name, headersFor) => {
      const ids = sandbox.dataset.images.slice(0, 2).map((image) => image.id);
      const [, managerAnswer] = await throughBoth(
        '{ image_nodes(scope_id: "system") { count } }',
        headersFor,
      );
      expect(managerAnswer.status).toBeGreaterThanOrEqual(400);
      for (const [shape, query] of imageV2Reads(ids)) {
        const [viaGateway] = await throughBoth(query as string, headersFor);
        expect(viaGateway, shape).toEqual(managerAnswer);
      }
    },
  );
});

describe('a caller with valid credentials gets its own view, whatever it claims', () => {
  const COUNTS = '{ image_nodes(scope_id: "system") { count } images { id } }';

  it('a plain user with spoofed forwarding headers sees exactly its own counts', async () => {
    const asUser = (url: string) => signedFor(url, sandbox.credentials.user);
    const direct = await post(`${sandbox.url}/admin/gql`, COUNTS, asUser(`${sandbox.url}/admin/gql`));
    const viaGateway = await post(`${gateway.url}/admin/gql`, COUNTS, {
      ...asUser(`${gateway.url}/admin/gql`),
      ...SPOOFED,
    });
    expect(viaGateway).toEqual(direct);
    const superadmin = await post(
      `${sandbox.url}/admin/gql`,
      COUNTS,
      signedFor(`${sandbox.url}/admin/gql`, sandbox.credentials.superadmin),
    );
    expect(JSON.stringify(viaGateway.body)).not.toEqual(JSON.stringify(superadmin.body));
  });

  it('a plain user with spoofed forwarding headers is refused the superadmin listing', async () => {
    const url = `${gateway.url}/admin/gql`;
    const answer = await post(url, '{ adminImagesV2 { count } }', {
      ...signedFor(url, sandbox.credentials.user),
      ...SPOOFED,
    });
    expect(answer.body).toMatchObject({
      data: { adminImagesV2: null },
      errors: [{ message: expect.stringMatching(/Admin exclusive access/), path: ['adminImagesV2'] }],
    });
  });

  it('a plain user asking adminImagesV2 by ids, which a superadmin reads by id, is refused after its role only', async () => {
    const ids = sandbox.dataset.images.slice(0, 5).map((image) => image.id);
    const url = `${gateway.url}/admin/gql`;
    hop.requests.length = 0;
    const answer = await post(
      url,
      `{ adminImagesV2(filter: { id: { in: ${JSON.stringify(ids)} } }) { count } }`,
      {
        ...signedFor(url, sandbox.credentials.user),
        ...SPOOFED,
      },
    );
    expect(answer.body).toMatchObject({
      data: { adminImagesV2: null },
      errors: [{ message: expect.stringMatching(/Admin exclusive access/), path: ['adminImagesV2'] }],
    });
    const asked = hop.requests
      .filter((recorded) => recorded.path === '/admin/gql' && recorded.body)
      .map((recorded) => ({
        rootFields: rootFieldsOf(JSON.parse(recorded.body).query),
        accessKey: parseAuthorization(recorded.headers.authorization ?? '').accessKey,
      }));
    expect(asked).toEqual([{ rootFields: ['user'], accessKey: sandbox.credentials.user.accessKey }]);
  });

  it('behind a trusted proxy, a client that signed the proxied path /func/admin/gql is served as itself', async () => {
    const signedUrl = 'https://webui.example/func/admin/gql';
    const headers = { ...signedFor(signedUrl, sandbox.credentials.user), 'x-forwarded-url': signedUrl };
    const viaTrusting = await post(`${trustingGateway.url}/admin/gql`, WHO_AM_I, headers);
    expect(viaTrusting.body).toMatchObject({ data: { user: { role: 'user' } } });
    // The same headers from a peer the gateway does not trust: the forwarded URL is dropped, the signature
    // no longer matches the URL the gateway received, and the manager refuses it.
    const viaUntrusting = await post(`${gateway.url}/admin/gql`, WHO_AM_I, headers);
    expect(viaUntrusting.status).toBe(401);
  });
});

describe('what the manager is asked, and as whom', () => {
  it("signs with the gateway's keypair only its own reads, and passes a client's X-Forwarded-For only from a trusted proxy", async () => {
    hop.requests.length = 0;
    const query =
      '{ adminImagesV2(limit: 5) { edges { node { id registryId metadata { createdAt } } } } image_nodes(scope_id: "system") { count } }';
    for (const keypair of [sandbox.credentials.user, sandbox.credentials.superadmin, null]) {
      const url = `${gateway.url}/admin/gql`;
      await post(url, query, { ...(keypair ? signedFor(url, keypair) : {}), ...SPOOFED });
    }
    const gatewayKey = sandbox.credentials.superadmin.accessKey;
    let gatewayReads = 0;
    for (const recorded of hop.requests) {
      expect(recorded.headers['x-forwarded-for'] ?? '').not.toContain('10.0.0.1');
      expect(recorded.headers['x-forwarded-url']).not.toBe('http://x/y');
      const authorization = recorded.headers.authorization;
      if (!authorization || parseAuthorization(authorization).accessKey !== gatewayKey) continue;
      // A superadmin caller signs with the same demo key: its calls carry the gateway's own URL.
      if (recorded.headers['x-forwarded-url']) continue;
      gatewayReads += 1;
      const rootFields = recorded.body ? rootFieldsOf(JSON.parse(recorded.body).query) : [];
      const isRegistryList =
        recorded.path === '/admin/gql' &&
        rootFields.length > 0 &&
        rootFields.every((f) => f === 'container_registry_nodes');
      const isReference = recorded.method === 'GET' && recorded.path === '/';
      const isCatalogue = recorded.path.startsWith('/admin/images/');
      expect({
        path: recorded.path,
        rootFields,
        allowed: isRegistryList || isReference || isCatalogue,
      }).toEqual({
        path: recorded.path,
        rootFields,
        allowed: true,
      });
    }
    expect(gatewayReads).toBeGreaterThan(0);
  });
});
