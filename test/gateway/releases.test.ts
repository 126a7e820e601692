import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/relay/index.ts';
import { MANAGER_VERSIONS } from '../../src/sandbox/index.ts';
import { dataOf, postGraphQL } from '../support/client.ts';
import { type Stack, startStack } from '../support/stack.ts';

/** The same ImageV2 suite against the sandbox as each manager release it can be. */
describe.each(MANAGER_VERSIONS)('in front of a %s manager', (managerVersion) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ sandbox: { managerVersion } });
  });
  afterAll(() => stack.close());

  const apiVersion = () => (managerVersion === '25.6' ? 'v8.20240915' : 'v9.20250722');
  const ask = <T>(url: string, query: string, who: 'user' | 'superadmin' = 'user') =>
    postGraphQL<T>(url, query, { keypair: stack.sandbox.credentials[who], apiVersion: apiVersion() });

  it('serves an ImageV2 page with every group filled', async () => {
    const data = dataOf(
      await ask<{ imagesV2: { count: number; edges: { node: Record<string, unknown> }[] } }>(
        stack.gateway.url,
        '{ imagesV2(first: 5) { count edges { node { id registryId identity { canonicalName } metadata { sizeBytes status tags { key } } requirements { resourceLimits { key } } } } } }',
      ),
    );
    expect(data.imagesV2.edges).toHaveLength(5);
    for (const { node } of data.imagesV2.edges) {
      const row = stack.sandbox.dataset.images.find(
        (image) => encodeGlobalId('ImageV2', image.id) === node.id,
      )!;
      expect(node).toMatchObject({
        registryId: row.registryId,
        identity: { canonicalName: `${row.registry}/${row.image}:${row.tag}` },
      });
    }
  });

  it('keeps the manager own root type names and passes the legacy API through', async () => {
    const query =
      '{ __typename image_nodes(scope_id: "system", first: 3) { count edges { node { row_id } } } }';
    const [viaGateway, direct] = [await ask(stack.gateway.url, query), await ask(stack.sandbox.url, query)];
    expect(viaGateway.body).toEqual(direct.body);
    expect((direct.body.data as { __typename: string }).__typename).toBe(
      managerVersion === '25.6' ? 'Queries' : 'Query',
    );
  });

  it('accepts fragments on the manager own root type name', async () => {
    const root = managerVersion === '25.6' ? 'Queries' : 'Query';
    const query = `query { ...Count } fragment Count on ${root} { imagesV2(first: 1) { count } }`;
    expect(
      dataOf(await ask<{ imagesV2: { count: number } }>(stack.gateway.url, query)).imagesV2.count,
    ).toBeGreaterThan(0);
  });

  it('fills createdAt and custom maximums where the release has the REST image API (26.3+)', async () => {
    const withMax = stack.sandbox.dataset.images.find(
      (image) => image.status === 'ALIVE' && image.resources.cpu?.max,
    )!;
    const query = `{ imageV2(id: "${withMax.id}") { metadata { createdAt } requirements { resourceLimits { key max } } registryId } }`;
    const data = dataOf(
      await ask<{
        imageV2: {
          metadata: { createdAt: string | null };
          requirements: { resourceLimits: { key: string; max: string }[] };
          registryId: string;
        };
      }>(stack.gateway.url, query, 'superadmin'),
    );
    const cpu = data.imageV2.requirements.resourceLimits.find((limit) => limit.key === 'cpu');
    expect(data.imageV2.registryId).toBe(withMax.registryId);
    if (managerVersion === '26.3') {
      expect(data.imageV2.metadata.createdAt).toBe(withMax.createdAt);
      expect(cpu?.max).toBe(withMax.resources.cpu?.max);
    } else {
      expect(data.imageV2.metadata.createdAt).toBeNull();
      expect(cpu?.max).toBe('Infinity');
    }
  });

  it('fills them for a page in a constant number of upstream requests', async () => {
    const query =
      '{ imagesV2(first: 30) { edges { node { registryId metadata { createdAt } requirements { resourceLimits { max } } } } } }';
    await ask(stack.gateway.url, query); // warms the caches
    stack.sandbox.stats.reset();
    const data = dataOf(
      await ask<{ imagesV2: { edges: { node: { metadata: { createdAt: string | null } } }[] } }>(
        stack.gateway.url,
        query,
      ),
    );
    expect(stack.sandbox.stats.requests).toBe(1);
    const filled = data.imagesV2.edges.every((edge) => edge.node.metadata.createdAt !== null);
    expect(filled).toBe(managerVersion === '26.3');
  });

  it('says at /readiness what it detected and which sources it reads', async () => {
    const ready = await (await fetch(`${stack.gateway.url}/readiness`)).json();
    expect(ready).toMatchObject({
      ready: true,
      manager: `${managerVersion}.0`,
      capabilities: { restImageApi: managerVersion === '26.3' },
    });
    expect(Object.keys(ready.sources).some((source: string) => source.startsWith('REST'))).toBe(
      managerVersion === '26.3',
    );
  });

  it('resolves node(id) for ImageV2 and legacy ids', async () => {
    const row = stack.sandbox.dataset.images.find(
      (image) => image.status === 'ALIVE' && !image.labels['ai.backend.customized-image.owner'],
    )!;
    const query = `{ nodes(ids: ["${encodeGlobalId('ImageV2', row.id)}", "${encodeGlobalId('ImageNode', row.id)}"]) { __typename id } }`;
    const data = dataOf(
      await ask<{ nodes: { __typename: string }[] }>(stack.gateway.url, query, 'superadmin'),
    );
    expect(data.nodes.map((node) => node.__typename)).toEqual(['ImageV2', 'ImageNode']);
  });
});
