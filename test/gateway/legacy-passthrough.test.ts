import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLResponse, type Keypair, postGraphQL } from '../support/client.ts';
import { type Stack, startStack } from '../support/stack.ts';

const OPERATIONS = readFileSync(
  new URL('../fixtures/legacy-image-operations.graphql', import.meta.url),
  'utf8',
);

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

/** The same request, each signed for the URL it goes to, through the gateway and straight to the manager. */
async function throughBoth(
  query: string,
  options: { keypair: Keypair; variables?: Record<string, unknown>; operationName?: string },
): Promise<[GraphQLResponse, GraphQLResponse]> {
  const viaGateway = await postGraphQL(stack.gateway.url, query, options);
  const direct = await postGraphQL(stack.sandbox.url, query, options);
  return [viaGateway, direct];
}

const image = () =>
  stack.sandbox.dataset.images.find(
    (i) => i.status === 'ALIVE' && !i.labels['ai.backend.customized-image.owner'],
  )!;

describe('the legacy API through the gateway', () => {
  it.each([
    ['EnvironmentSelect', {}, 'user'],
    ['EnvironmentSelect', { installed: true }, 'superadmin'],
    [
      'AdminImageList',
      { scopeId: 'system', first: 20, offset: 0, filter: 'name ilike "%py%"', order: '-created_at' },
      'superadmin',
    ],
    [
      'AdminImageList',
      { scopeId: 'system', first: 5, offset: 10, filterByStatuses: ['ALIVE', 'DELETED'] },
      'user',
    ],
    ['MyEnvironments', {}, 'user'],
    ['RegistryRows', {}, 'superadmin'],
  ] as const)('answers %s %j exactly as the manager', async (operationName, variables, who) => {
    const [viaGateway, direct] = await throughBoth(OPERATIONS, {
      keypair: stack.sandbox.credentials[who],
      variables,
      operationName,
    });
    expect(direct.status).toBe(200);
    expect(JSON.stringify(direct.body).length).toBeGreaterThan(60);
    expect(viaGateway.status).toBe(direct.status);
    expect(viaGateway.body).toEqual(direct.body);
  });

  it('answers a lookup by reference exactly as the manager', async () => {
    const row = image();
    const variables = {
      reference: `${row.registry}/${row.image}:${row.tag}`,
      architecture: row.architecture,
    };
    const [viaGateway, direct] = await throughBoth(OPERATIONS, {
      keypair: stack.sandbox.credentials.user,
      variables,
      operationName: 'ImageByReference',
    });
    expect(viaGateway.body).toEqual(direct.body);
    expect(direct.body.data).toEqual({ image: { id: row.id } });
  });

  it.each([
    ['a bad filter', '{ image_nodes(scope_id: "system", filter: "name ==") { count } }'],
    ['a missing image', '{ image(id: "00000000-0000-4000-8000-000000000000") { id } }'],
    ['a forbidden field', '{ container_registry_nodes { count } }'],
    ['mixed paging directions', '{ image_nodes(scope_id: "system", first: 1, last: 1) { count } }'],
  ])("passes the manager's error for %s through unchanged", async (_name, query) => {
    const [viaGateway, direct] = await throughBoth(query, { keypair: stack.sandbox.credentials.user });
    expect(direct.body.errors?.length).toBeGreaterThan(0);
    expect(viaGateway.body).toEqual(direct.body);
  });

  // Regression: Mesh adds an `extensions` key to every upstream request, and a 26.1 manager refuses the whole
  // request for it ("extensions is not allowed key").
  it('answers a request that carries extensions, which the 26.1 manager itself refuses', async () => {
    const query = '{ image_nodes(scope_id: "system", first: 2) { count edges { node { row_id } } } }';
    const extensions = { persistedQuery: null, tracing: true };
    const viaGateway = await postGraphQL(stack.gateway.url, query, {
      keypair: stack.sandbox.credentials.user,
      extensions,
    });
    const direct = await postGraphQL(stack.sandbox.url, query, { keypair: stack.sandbox.credentials.user });
    const refused = await postGraphQL(stack.sandbox.url, query, {
      keypair: stack.sandbox.credentials.user,
      extensions,
    });
    expect(refused.status).toBe(400);
    expect(viaGateway.status).toBe(200);
    expect(viaGateway.body).toEqual(direct.body);
  });

  it('validates like the manager', async () => {
    const [viaGateway, direct] = await throughBoth('{ image_nodes(scope_id: "system") { colour } }', {
      keypair: stack.sandbox.credentials.user,
    });
    expect(viaGateway.body.errors?.map((e) => e.message)).toEqual(direct.body.errors?.map((e) => e.message));
  });

  it('passes mutations through, with their effect on the manager', async () => {
    const row = image();
    const reference = `${row.registry}/${row.image}:${row.tag}`;
    const keypair = stack.sandbox.credentials.superadmin;
    const mutation = `mutation ($props: ModifyImageInput!) { modify_image(target: "${reference}", architecture: "${row.architecture}", props: $props) { ok msg } }`;
    const response = await postGraphQL(stack.gateway.url, mutation, {
      keypair,
      variables: {
        props: {
          resource_limits: [
            { key: 'cpu', min: '3' },
            { key: 'mem', min: '6g' },
          ],
        },
      },
    });
    expect(response.body).toEqual({ data: { modify_image: { ok: true, msg: '' } } });
    const limits = await postGraphQL<{ image_node: { resource_limits: { key: string; min: string }[] } }>(
      stack.sandbox.url,
      `{ image_node(id: "${row.id}") { resource_limits { key min } } }`,
      { keypair },
    );
    expect(limits.body.data?.image_node.resource_limits).toContainEqual({ key: 'cpu', min: '3' });
    const cleared = await postGraphQL(
      stack.gateway.url,
      `mutation { clear_image_custom_resource_limit(key: { image_canonical: "${reference}", architecture: "${row.architecture}" }) { image_node { row_id } } }`,
      { keypair },
    );
    expect(cleared.body).toEqual({
      data: { clear_image_custom_resource_limit: { image_node: { row_id: row.id } } },
    });
  });

  it('answers GET / with the manager own versions', async () => {
    const [viaGateway, direct] = await Promise.all([
      fetch(`${stack.gateway.url}/`),
      fetch(`${stack.sandbox.url}/`),
    ]);
    expect(await viaGateway.json()).toEqual(await direct.json());
  });
});

describe('credentials through the gateway', () => {
  const QUERY = '{ image_nodes(scope_id: "system") { count } }';

  it('refuses a caller the manager refuses, with the same status', async () => {
    const wrong = { ...stack.sandbox.credentials.user, secretKey: 'not-the-secret' };
    const [viaGateway, direct] = await throughBoth(QUERY, { keypair: wrong });
    expect(direct.status).toBe(401);
    expect(viaGateway.status).toBe(401);
    expect(viaGateway.body).toEqual(direct.body);
  });

  it('refuses an unsigned request', async () => {
    const response = await postGraphQL(stack.gateway.url, QUERY, { keypair: null });
    expect(response.status).toBe(401);
  });

  it('gives each caller exactly what the manager gives them', async () => {
    for (const who of ['user', 'superadmin'] as const) {
      const [viaGateway, direct] = await throughBoth(QUERY, { keypair: stack.sandbox.credentials[who] });
      expect(viaGateway.body).toEqual(direct.body);
    }
  });
});
