import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/relay/index.ts';
import { MANAGER_VERSIONS } from '../../src/sandbox/index.ts';
import { dataOf, type GraphQLResponse, postGraphQL } from '../support/client.ts';
import { restReadableImages } from '../support/rest.ts';
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
    expect(withoutNullErrors(viaGateway)).toEqual(withoutNullErrors(direct));
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

  it('fills createdAt and the registry id of an image where the release has the REST image API (26.3+)', async () => {
    // 26.3 answers GET /admin/images/{id} for some images only (see test/support/rest.ts).
    const [row] =
      managerVersion === '26.3'
        ? await restReadableImages(stack.sandbox)
        : stack.sandbox.dataset.images.filter((image) => image.status === 'ALIVE');
    const query = `{ imageV2(id: "${row!.id}") { metadata { createdAt } requirements { resourceLimits { key max } } registryId } }`;
    const data = dataOf(
      await ask<{
        imageV2: {
          metadata: { createdAt: string | null };
          requirements: { resourceLimits: { key: string; max: string }[] };
          registryId: string;
        };
      }>(stack.gateway.url, query, 'superadmin'),
    );
    expect(data.imageV2.registryId).toBe(row!.registryId);
    if (managerVersion === '26.3') {
      // The same instant; the manager writes it in Python's isoformat (microseconds).
      expect(Date.parse(data.imageV2.metadata.createdAt!)).toBe(Date.parse(row!.createdAt!));
    } else {
      expect(data.imageV2.metadata.createdAt).toBeNull();
    }
    // The legacy API has no custom maximum and 26.3's GET gives none either.
    const cpu = data.imageV2.requirements.resourceLimits.find((limit) => limit.key === 'cpu');
    expect(cpu?.max).toBe('Infinity');
  });

  it('keeps the legacy values of a page the REST image API cannot read, in one upstream request', async () => {
    const query =
      '{ imagesV2(first: 30) { edges { node { registryId metadata { createdAt } requirements { resourceLimits { max } } } } } }';
    await ask(stack.gateway.url, query); // warms the caches, including a failed REST catalogue read
    stack.sandbox.stats.reset();
    const data = dataOf(
      await ask<{ imagesV2: { edges: { node: { metadata: { createdAt: string | null } } }[] } }>(
        stack.gateway.url,
        query,
      ),
    );
    // 26.3.0's search fails (HTTP 500) for a page holding any image without a custom maximum, as most
    // are: the failure is remembered for the catalogue's TTL, so the page costs the GraphQL request only.
    expect(stack.sandbox.stats.requests).toBe(1);
    expect(data.imagesV2.edges).toHaveLength(30);
    expect(data.imagesV2.edges.every((edge) => edge.node.metadata.createdAt === null)).toBe(true);
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
    // A legacy kind every release's node(id) resolves; its ImageNode ids need a scope node(id) cannot pass.
    const registry = encodeGlobalId('ContainerRegistryNode', stack.sandbox.dataset.registries[0]!.id);
    const query = `{ nodes(ids: ["${encodeGlobalId('ImageV2', row.id)}", "${registry}"]) { __typename id } }`;
    const data = dataOf(
      await ask<{ nodes: { __typename: string }[] }>(stack.gateway.url, query, 'superadmin'),
    );
    expect(data.nodes.map((node) => node.__typename)).toEqual(['ImageV2', 'ContainerRegistryNode']);
  });
});

/** 26.3 answers `errors: null` where earlier releases leave the key out; a client reads both the same. */
function withoutNullErrors({ body }: GraphQLResponse<unknown>) {
  const { errors, ...rest } = body;
  return errors === null ? rest : body;
}
