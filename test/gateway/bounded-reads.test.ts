/**
 * What one request may make the gateway read, end to end over the sandbox: whole reads capped by
 * MAX_GATEWAY_SCAN_ROWS with a coded error, the role known before any of them, the manager's page cap and a
 * missing count handled, the registry list read past one page, each image's REST details read once per
 * request, and nodes(ids) capped by NODES_MAX_IDS.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/relay/index.ts';
import { startSandbox } from '../../src/sandbox/index.ts';
import { dataOf, postGraphQL } from '../support/client.ts';
import { startRecordingProxy } from '../support/recording-proxy.ts';
import { restReadableImages } from '../support/rest.ts';
import { stacksClosedAfterEach, startStack } from '../support/stack.ts';
import { everyImage, newestFirst, systemScopeOf } from '../support/visibility.ts';

const stackOf = stacksClosedAfterEach(afterEach);
const RELEASE = { V2_PROFILE: 'release' };

const ADMIN_LIST = '{ adminImagesV2(first: 5) { count edges { node { id } } } }';
const registryList = (registryId: string, filter = 'null') =>
  `{ containerRegistryImagesV2(scope: { registryId: "${registryId}" }, filter: ${filter}, limit: 100) { count edges { node { id } } } }`;

const SCAN_LIMIT_ERROR = {
  message: expect.stringMatching(
    /^The listing needs more rows than the gateway reads for one request\. \(.*MAX_GATEWAY_SCAN_ROWS is 20/,
  ),
  extensions: { code: 'image_list-query_unavailable' },
};

describe('MAX_GATEWAY_SCAN_ROWS', () => {
  it("refuses a superadmin's whole-table listing past the limit before reading the unpaged list", async () => {
    const stack = await stackOf({ env: { ...RELEASE, MAX_GATEWAY_SCAN_ROWS: '20' } });
    stack.sandbox.stats.reset();
    const response = await postGraphQL(stack.gateway.url, ADMIN_LIST, {
      keypair: stack.sandbox.credentials.superadmin,
    });
    expect(response.body.errors?.[0]).toMatchObject(SCAN_LIMIT_ERROR);
    expect(response.body.data).toEqual({ adminImagesV2: null });
    expect(stack.sandbox.stats.rootFields.images).toBeUndefined();
  });

  it('checks the role first: a plain user is refused adminImagesV2 without any image read', async () => {
    const stack = await stackOf({ env: { ...RELEASE, MAX_GATEWAY_SCAN_ROWS: '20' } });
    stack.sandbox.stats.reset();
    const response = await postGraphQL(stack.gateway.url, ADMIN_LIST, {
      keypair: stack.sandbox.credentials.user,
    });
    expect(response.body.errors?.[0]?.message).toBe('Admin exclusive access');
    expect(stack.sandbox.stats.rootFields).toEqual({ user: 1 });
  });

  it("refuses a plain user's filter the manager cannot apply past the limit, and still pages what it can", async () => {
    const stack = await stackOf({ env: { ...RELEASE, MAX_GATEWAY_SCAN_ROWS: '20' } });
    const { dataset, credentials } = stack.sandbox;
    const visible = systemScopeOf(dataset, credentials.user.userId);
    const registry = dataset.registries.find(
      (candidate) => visible.filter((image) => image.registryId === candidate.id).length > 20,
    )!;
    const aliasFilter = '{ alias: { alias: { startsWith: "py" } } }';
    const refused = await postGraphQL(stack.gateway.url, registryList(registry.id, aliasFilter), {
      keypair: credentials.user,
    });
    expect(refused.body.errors?.[0]).toMatchObject(SCAN_LIMIT_ERROR);
    // Paged by the manager: no whole read, whatever the limit.
    const paged = dataOf(
      await postGraphQL<{ containerRegistryImagesV2: { count: number } }>(
        stack.gateway.url,
        registryList(registry.id),
        { keypair: credentials.user },
      ),
    );
    expect(paged.containerRegistryImagesV2.count).toBe(
      visible.filter((image) => image.registryId === registry.id).length,
    );
  });
});

describe("the manager's page cap and count", () => {
  it('reads whole listings in pages of the cap, the pages after the first in one request', async () => {
    const stack = await stackOf({ sandbox: { maxPageSize: 10 }, env: RELEASE });
    const { dataset, credentials } = stack.sandbox;
    const ask = () =>
      postGraphQL<{ adminImagesV2: { count: number } }>(stack.gateway.url, ADMIN_LIST, {
        keypair: credentials.superadmin,
      });
    expect(dataOf(await ask()).adminImagesV2.count).toBe(everyImage(dataset).length);
    // Learnt: the role, the first page of the order (which tells the count), its other pages, the table's
    // keys, the page's rows.
    stack.sandbox.stats.reset();
    expect(dataOf(await ask()).adminImagesV2.count).toBe(everyImage(dataset).length);
    expect(stack.sandbox.stats.graphqlRequests).toBe(5);
  });

  it('reads a listing whose count the manager does not give page after page, and counts it itself', async () => {
    const sandbox = await startSandbox({ port: 0, maxPageSize: 10 });
    // A manager that answers every count as null.
    const hop = await startRecordingProxy(sandbox.url, (body) =>
      body.replace(/"count":\s*\d+/g, '"count": null'),
    );
    const stack = await startStack({ env: { ...RELEASE, LEGACY_URL: hop.url } }).catch(async (error) => {
      await Promise.all([hop.close(), sandbox.close()]);
      throw error;
    });
    try {
      const { credentials } = stack.sandbox;
      const visible = systemScopeOf(sandbox.dataset, credentials.user.userId);
      const registry = sandbox.dataset.registries.find((r) => r.project === 'stable')!;
      const expected = visible.filter((image) => image.registryId === registry.id).sort(newestFirst);
      expect(expected.length).toBeGreaterThan(10);
      const page = async (offset: number) =>
        dataOf(
          await postGraphQL<{
            containerRegistryImagesV2: { count: number; edges: { node: { id: string } }[] };
          }>(
            stack.gateway.url,
            `{ containerRegistryImagesV2(scope: { registryId: "${registry.id}" }, limit: 5, offset: ${offset}) { count edges { node { id } } } }`,
            { keypair: credentials.user },
          ),
        ).containerRegistryImagesV2;
      for (const offset of [0, 5, expected.length - 2]) {
        const data = await page(offset);
        expect(data.count).toBe(expected.length);
        expect(data.edges.map((edge) => edge.node.id)).toEqual(
          expected.slice(offset, offset + 5).map((image) => encodeGlobalId('ImageV2', image.id)),
        );
      }
    } finally {
      await stack.close();
      await hop.close();
      await sandbox.close();
    }
  });
});

describe('the registry directory', () => {
  it('reads the registry list past the manager page of 100', async () => {
    const stack = await stackOf({ sandbox: { extraRegistries: 150, maxPageSize: 100 }, env: RELEASE });
    const { dataset, credentials } = stack.sandbox;
    expect(dataset.registries.length).toBeGreaterThan(150);
    stack.sandbox.stats.reset();
    const data = dataOf(
      await postGraphQL<{ adminImagesV2: { edges: { node: { id: string; registryId: string } }[] } }>(
        stack.gateway.url,
        '{ adminImagesV2(limit: 100) { edges { node { id registryId } } } }',
        { keypair: credentials.superadmin },
      ),
    );
    expect(data.adminImagesV2.edges).toHaveLength(dataset.images.length);
    for (const { node } of data.adminImagesV2.edges) {
      const row = dataset.images.find((image) => encodeGlobalId('ImageV2', image.id) === node.id)!;
      expect(node.registryId).toBe(row.registryId);
    }
    // The page cap is known by then (the listing learnt it): the first page, then the rest in one request.
    expect(stack.sandbox.stats.rootFields.container_registry_nodes).toBe(2);
  });
});

describe('REST details per request (26.3)', () => {
  it('reads each image once per request whatever the fields asking, and remembers failures for the TTL', async () => {
    const stack = await stackOf({ sandbox: { managerVersion: '26.3' }, env: RELEASE });
    const { dataset, credentials } = stack.sandbox;
    const readable = new Set((await restReadableImages(stack.sandbox)).map((image) => image.id));
    const ids = dataset.images.filter((image) => image.status === 'ALIVE').slice(0, 12);
    expect(ids.some((image) => !readable.has(image.id))).toBe(true);
    const query = `{ nodes(ids: ${JSON.stringify(ids.map((image) => encodeGlobalId('ImageV2', image.id)))}) {
      ... on ImageV2 { id registryId metadata { createdAt } requirements { resourceLimits { key max } } } } }`;
    const restGets = () =>
      Object.entries(stack.sandbox.stats.byPath)
        .filter(([path]) => path.startsWith('/admin/images/') && !path.endsWith('/search'))
        .reduce((sum, [, n]) => sum + n, 0);
    stack.sandbox.stats.reset();
    dataOf(await postGraphQL(stack.gateway.url, query, { keypair: credentials.superadmin }));
    expect(restGets()).toBe(ids.length);
    // Within the TTL, found and failed images alike are not asked again.
    stack.sandbox.stats.reset();
    dataOf(await postGraphQL(stack.gateway.url, query, { keypair: credentials.superadmin }));
    expect(restGets()).toBe(0);
  });
});

describe('NODES_MAX_IDS', () => {
  it('refuses more ids than the setting allows with the native bad-argument error, asking the manager nothing', async () => {
    const stack = await stackOf({ env: { NODES_MAX_IDS: '3' } });
    const ids = stack.sandbox.dataset.images.slice(0, 4).map((image) => encodeGlobalId('ImageV2', image.id));
    const ask = (count: number) =>
      postGraphQL<{ nodes: unknown[] }>(
        stack.gateway.url,
        `{ nodes(ids: ${JSON.stringify(ids.slice(0, count))}) { id } }`,
        {
          keypair: stack.sandbox.credentials.superadmin,
        },
      );
    stack.sandbox.stats.reset();
    const refused = await ask(4);
    expect(refused.body.errors?.[0]).toMatchObject({
      message: 'Invalid GraphQL parameters. (nodes takes at most 3 ids (NODES_MAX_IDS), got 4)',
      extensions: { code: 'api_generic_invalid-parameters' },
    });
    expect(stack.sandbox.stats.graphqlRequests).toBe(0);
    expect(dataOf(await ask(3)).nodes).toHaveLength(3);
  });
});
