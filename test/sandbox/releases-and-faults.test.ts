import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { signRequestHeaders } from '../../src/auth/index.ts';
import { parseFault, type Sandbox, sandboxOptionsFromEnv, startSandbox } from '../../src/sandbox/index.ts';
import { dataOf, postGraphQL } from '../support/client.ts';

const started: Sandbox[] = [];
async function sandboxOf(options: Parameters<typeof startSandbox>[0]) {
  const sandbox = await startSandbox({ port: 0, ...options });
  started.push(sandbox);
  return sandbox;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((sandbox) => sandbox.close()));
});

async function rest(
  sandbox: Sandbox,
  method: string,
  path: string,
  body?: unknown,
  who: 'superadmin' | 'user' = 'superadmin',
) {
  const url = `${sandbox.url}${path}`;
  const headers = signRequestHeaders({ ...sandbox.credentials[who], method, url });
  const response = await request(url, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
  const text = await response.body.text();
  return { status: response.statusCode, body: text.startsWith('{') ? JSON.parse(text) : text };
}

describe('manager releases', () => {
  it.each([
    ['25.6', 'v8.20240915', '25.6.0'],
    ['26.1', 'v9.20250722', '26.1.0'],
    ['26.3', 'v9.20250722', '26.3.0'],
  ] as const)('%s answers GET / with its versions', async (managerVersion, version, manager) => {
    const sandbox = await sandboxOf({ managerVersion });
    const response = await request(`${sandbox.url}/`);
    expect(await response.body.json()).toEqual({ version, manager });
  });

  it('25.6 names its root types Queries/Mutations and lacks ImageNode.installed', async () => {
    const sandbox = await sandboxOf({ managerVersion: '25.6' });
    const data = dataOf(
      await postGraphQL<{ __typename: string; __type: { fields: { name: string }[] } }>(
        sandbox.url,
        '{ __typename __type(name: "ImageNode") { fields { name } } }',
        { keypair: sandbox.credentials.user, apiVersion: 'v8.20240915' },
      ),
    );
    expect(data.__typename).toBe('Queries');
    expect(data.__type.fields.map((field) => field.name)).not.toContain('installed');
  });

  it('serves the REST image API on 26.3 only, to superadmins only', async () => {
    const v26_3 = await sandboxOf({ managerVersion: '26.3' });
    const v26_1 = await sandboxOf({ managerVersion: '26.1' });
    expect((await rest(v26_1, 'POST', '/admin/images/search', {})).status).toBe(404);
    expect((await rest(v26_3, 'POST', '/admin/images/search', {}, 'user')).status).toBe(403);
    const found = await rest(v26_3, 'POST', '/admin/images/search', {
      filter: { name: { contains: 'pytorch' } },
      limit: 5,
    });
    expect(found.status).toBe(200);
    expect(found.body.items).toHaveLength(5);
    expect(found.body.pagination).toEqual({
      total: v26_3.dataset.images.filter((i) => i.image.includes('pytorch')).length,
      offset: 0,
      limit: 5,
    });
    const item = found.body.items[0];
    const image = v26_3.dataset.images.find((candidate) => candidate.id === item.id)!;
    expect(item).toMatchObject({ registry_id: image.registryId, created_at: image.createdAt });
    expect((await rest(v26_3, 'GET', `/admin/images/${image.id}`)).body.item).toEqual(item);
    expect((await rest(v26_3, 'POST', '/admin/images/search', { limit: 5000 })).status).toBe(400);
  });

  it('shows a custom maximum over REST that the legacy GraphQL API hides', async () => {
    const sandbox = await sandboxOf({ managerVersion: '26.3' });
    const image = sandbox.dataset.images.find((candidate) => candidate.resources.cpu?.max)!;
    const item = (await rest(sandbox, 'GET', `/admin/images/${image.id}`)).body.item;
    expect(item.resource_limits).toContainEqual({
      key: 'cpu',
      min: expect.any(String),
      max: image.resources.cpu!.max,
    });
  });
});

describe('mutations', () => {
  it('changes what later queries see', async () => {
    const sandbox = await sandboxOf({});
    const image = sandbox.dataset.images.find(
      (i) => i.status === 'ALIVE' && !i.labels['ai.backend.customized-image.owner'],
    )!;
    const reference = `${image.registry}/${image.image}:${image.tag}`;
    const admin = { keypair: sandbox.credentials.superadmin };
    const read = async () =>
      dataOf(
        await postGraphQL<{ image_node: { aliases: string[]; status: string; labels: { key: string }[] } }>(
          sandbox.url,
          `{ image_node(id: "${image.id}") { aliases status labels { key } } }`,
          admin,
        ),
      ).image_node;
    await postGraphQL(
      sandbox.url,
      `mutation { alias_image(alias: "my-alias", target: "${reference}", architecture: "${image.architecture}") { ok } }`,
      admin,
    );
    expect((await read()).aliases).toContain('my-alias');
    await postGraphQL(sandbox.url, 'mutation { dealias_image(alias: "my-alias") { ok } }', admin);
    expect((await read()).aliases).not.toContain('my-alias');
    await postGraphQL(
      sandbox.url,
      `mutation M($props: ModifyImageInput!) { modify_image(target: "${reference}", architecture: "${image.architecture}", props: $props) { ok } }`,
      { ...admin, variables: { props: { labels: [{ key: 'only', value: 'this' }] } } },
    );
    expect((await read()).labels).toEqual([{ key: 'only' }]);
    // Listings see the change too (the sandbox keeps ordered listings between requests).
    const count = async () =>
      dataOf(
        await postGraphQL<{ image_nodes: { count: number } }>(
          sandbox.url,
          '{ image_nodes(scope_id: "system") { count } }',
          admin,
        ),
      ).image_nodes.count;
    const before = await count();
    const forgotten = dataOf(
      await postGraphQL<{ forget_image_by_id: { ok: boolean } }>(
        sandbox.url,
        `mutation { forget_image_by_id(image_id: "${image.id}") { ok } }`,
        admin,
      ),
    );
    expect(forgotten.forget_image_by_id.ok).toBe(true);
    expect((await read()).status).toBe('DELETED');
    expect(await count()).toBe(before - 1);
    await postGraphQL(
      sandbox.url,
      `mutation { purge_image_by_id(image_id: "${image.id}") { image { row_id } } }`,
      admin,
    );
    expect(
      dataOf(
        await postGraphQL<{ image_node: null }>(
          sandbox.url,
          `{ image_node(id: "${image.id}") { row_id } }`,
          admin,
        ),
      ).image_node,
    ).toBeNull();
  });

  it('keeps image administration to superadmins and names what the sandbox does not do', async () => {
    const sandbox = await sandboxOf({});
    const refused = await postGraphQL(sandbox.url, 'mutation { dealias_image(alias: "x") { ok } }', {
      keypair: sandbox.credentials.user,
    });
    expect(refused.body.errors?.[0]?.message).toBe('Forbidden operation. (superadmin privilege required)');
    const unsupported = await postGraphQL(sandbox.url, 'mutation { rescan_images { ok } }', {
      keypair: sandbox.credentials.superadmin,
    });
    expect(unsupported.body.errors?.[0]?.message).toBe(
      'Not supported by the sandbox manager. (rescan_images)',
    );
  });
});

describe('faults, latency and counters', () => {
  const QUERY = '{ image_nodes(scope_id: "system") { count } }';

  it('counts requests and the root fields asked for', async () => {
    const sandbox = await sandboxOf({});
    await postGraphQL(
      sandbox.url,
      '{ a: image_nodes(scope_id: "system") { count } customized_images { id } }',
      { keypair: sandbox.credentials.user },
    );
    expect(sandbox.stats).toMatchObject({
      requests: 1,
      graphqlRequests: 1,
      rootFields: { image_nodes: 1, customized_images: 1 },
    });
    sandbox.stats.reset();
    expect(sandbox.stats.requests).toBe(0);
  });

  it('refuses connections while down and serves again after', async () => {
    const sandbox = await sandboxOf({});
    await sandbox.setFault({ kind: 'down' });
    await expect(
      postGraphQL(sandbox.url, QUERY, { keypair: sandbox.credentials.user }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await sandbox.setFault(null);
    expect((await postGraphQL(sandbox.url, QUERY, { keypair: sandbox.credentials.user })).status).toBe(200);
  });

  it('answers with an HTTP error or broken JSON when told to', async () => {
    const sandbox = await sandboxOf({ fault: { kind: 'status', status: 503 } });
    expect((await postGraphQL(sandbox.url, QUERY, { keypair: sandbox.credentials.user })).status).toBe(503);
    await sandbox.setFault({ kind: 'malformed-json' });
    const broken = await postGraphQL(sandbox.url, QUERY, { keypair: sandbox.credentials.user });
    expect(broken.status).toBe(200);
    expect(broken.body.raw).toBeDefined();
  });

  it('reads its options and faults from the environment, naming bad values', () => {
    expect(
      sandboxOptionsFromEnv({
        SANDBOX_IMAGES: '10000',
        SANDBOX_MANAGER_VERSION: '26.3',
        SANDBOX_AUTH: 'off',
        SANDBOX_FAULT: 'slow:250',
        SANDBOX_LATENCY_MS: '5',
      }),
    ).toEqual({
      images: 10000,
      managerVersion: '26.3',
      auth: false,
      fault: { kind: 'slow', delayMs: 250 },
      latencyMs: 5,
    });
    expect(() => sandboxOptionsFromEnv({ SANDBOX_MANAGER_VERSION: '24.9', SANDBOX_IMAGES: 'many' })).toThrow(
      /SANDBOX_IMAGES.*\n.*SANDBOX_MANAGER_VERSION/s,
    );
    expect(parseFault('status:502')).toEqual({ kind: 'status', status: 502 });
    expect(() => parseFault('explode')).toThrow(/SANDBOX_FAULT/);
  });
});
