import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor, encodeGlobalId } from '../../src/relay/index.ts';
import { dataOf, postGraphQL } from '../support/client.ts';
import { type Stack, startStack } from '../support/stack.ts';
import { byId, everyImage, newestFirst, superadminOrder } from '../support/visibility.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ sandbox: { images: 90 } });
});
afterAll(() => stack.close());

interface Connection {
  imagesV2: {
    count: number;
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
    edges: { cursor: string; node: { id: string } }[];
  };
}

const PAGE = `query ($first: Int, $last: Int, $after: String, $before: String, $limit: Int, $offset: Int) {
  imagesV2(first: $first, last: $last, after: $after, before: $before, limit: $limit, offset: $offset) {
    count pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } }
  }
}`;

const page = (variables: Record<string, unknown>, who: 'superadmin' | 'user' = 'superadmin') =>
  postGraphQL<Connection>(stack.gateway.url, PAGE, { keypair: stack.sandbox.credentials[who], variables });

const ids = (data: Connection) => data.imagesV2.edges.map((edge) => edge.node.id);

/**
 * Every live image, as the native imagesV2 lists them to a superadmin, in the order the gateway promises:
 * newest first (the id breaking ties) where the manager orders them, then the rest by id.
 */
function expectedOrder(): string[] {
  const { dataset } = stack.sandbox;
  const alive = everyImage(dataset).filter((image) => image.status === 'ALIVE');
  return superadminOrder(dataset, alive, { managerOrder: newestFirst, rest: byId }).map((image) =>
    encodeGlobalId('ImageV2', image.id),
  );
}

describe('imagesV2 connection', () => {
  it('walks forward in pages of 7 and meets every image once, newest first', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const data: Connection = dataOf(await page({ first: 7, after }));
      pages += 1;
      expect(data.imagesV2.edges.length).toBeLessThanOrEqual(7);
      expect(data.imagesV2.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...ids(data));
      if (!data.imagesV2.pageInfo.hasNextPage) break;
      after = data.imagesV2.pageInfo.endCursor;
    }
    const expected = expectedOrder();
    expect(expected.length).toBeGreaterThan(50);
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 7));
  });

  it('walks backward in pages of 7 and meets every image once', async () => {
    const seen: string[] = [];
    let before: string | null = null;
    for (;;) {
      const data: Connection = dataOf(await page({ last: 7, before }));
      expect(data.imagesV2.pageInfo.hasNextPage).toBe(before !== null);
      seen.unshift(...ids(data));
      if (!data.imagesV2.pageInfo.hasPreviousPage) break;
      before = data.imagesV2.pageInfo.startCursor;
    }
    expect(seen).toEqual(expectedOrder());
  });

  it('pages by limit/offset with pageInfo from the total', async () => {
    const expected = expectedOrder();
    const data = dataOf(await page({ limit: 10, offset: 20 }));
    expect(ids(data)).toEqual(expected.slice(20, 30));
    expect(data.imagesV2.count).toBe(expected.length);
    expect(data.imagesV2.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const last = dataOf(await page({ limit: 10, offset: expected.length - 3 }));
    expect(last.imagesV2.edges).toHaveLength(3);
    expect(last.imagesV2.pageInfo.hasNextPage).toBe(false);
  });

  it('defaults to the first 10 and honours a cursor without a size', async () => {
    const first = dataOf(await page({}));
    expect(ids(first)).toEqual(expectedOrder().slice(0, 10));
    const next = dataOf(await page({ after: first.imagesV2.pageInfo.endCursor }));
    expect(ids(next)).toEqual(expectedOrder().slice(10, 20));
  });

  it('gives each edge the native cursor of its image', async () => {
    const data = dataOf(await page({ first: 3 }));
    for (const edge of data.imagesV2.edges) {
      const uuid = Buffer.from(edge.node.id, 'base64').toString().split(':')[1]!;
      expect(edge.cursor).toBe(encodeCursor(uuid));
    }
  });

  it('lets the manager decide what a caller sees', async () => {
    const admin = dataOf(await page({ first: 1 }, 'superadmin'));
    const user = dataOf(await page({ first: 1 }, 'user'));
    expect(user.imagesV2.count).not.toBe(admin.imagesV2.count);
  });

  it.each([
    [
      { first: 2, last: 2 },
      'Only one pagination mode allowed: (first/after) OR (last/before) OR (limit/offset)',
    ],
    [
      { first: 2, offset: 4 },
      'Only one pagination mode allowed: (first/after) OR (last/before) OR (limit/offset)',
    ],
    [
      {
        after: encodeCursor('00000000-0000-4000-8000-000000000000'),
        before: encodeCursor('00000000-0000-4000-8000-000000000001'),
      },
      'Only one pagination mode allowed',
    ],
    [{ first: 0 }, 'first must be positive, got 0'],
    [{ last: -1 }, 'last must be positive, got -1'],
    [{ limit: 0 }, 'limit must be positive, got 0'],
    [{ offset: -5 }, 'offset must be non-negative, got -5'],
    [{ first: 101 }, 'first must be at most 100, got 101'],
  ])('refuses %j with the native error', async (variables, detail) => {
    const response = await page(variables);
    expect(response.status).toBe(200);
    expect(response.body.data).toBeNull();
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors?.[0]).toMatchObject({
      message: expect.stringContaining(`Invalid GraphQL parameters. (${detail}`),
      path: ['imagesV2'],
      extensions: { code: 'api_generic_invalid-parameters' },
    });
  });

  it.each([
    'not-a-cursor',
    encodeGlobalId('ImageNode', '00000000-0000-4000-8000-000000000000'),
    encodeCursor('7'),
  ])('refuses the malformed cursor %s', async (after) => {
    const response = await page({ first: 2, after });
    expect(response.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Invalid cursor format\. \(Invalid cursor (encoding|format|value): /),
      extensions: { code: 'api_generic_invalid-parameters' },
    });
  });
});

describe('cost', () => {
  it('costs a plain user one upstream request per page, whatever its size, its role asked beside it', async () => {
    // Registry ids are looked up once and cached; the first page warms the cache.
    await postGraphQL(stack.gateway.url, '{ imagesV2(first: 1) { edges { node { registryId } } } }', {
      keypair: stack.sandbox.credentials.user,
    });
    for (const first of [7, 30]) {
      stack.sandbox.stats.reset();
      const data = dataOf(
        await postGraphQL<Connection>(
          stack.gateway.url,
          `{ imagesV2(first: ${first}) { edges { node { id registryId identity { canonicalName } } } } }`,
          { keypair: stack.sandbox.credentials.user },
        ),
      );
      expect(data.imagesV2.edges).toHaveLength(first);
      expect(stack.sandbox.stats.rootFields).toEqual({ image_nodes: 1, user: 1 });
      expect(stack.sandbox.stats.graphqlRequests).toBe(1);
    }
  });

  it("reads a superadmin's page from the whole table in four requests, whatever its size", async () => {
    for (const first of [7, 50]) {
      stack.sandbox.stats.reset();
      const data = dataOf(await page({ first }));
      expect(data.imagesV2.edges).toHaveLength(first);
      // The role beside the page a plain user would get; the order; the table's keys; the page's rows.
      expect(stack.sandbox.stats.rootFields).toEqual({ user: 1, image_nodes: 3, images: 1 });
      expect(stack.sandbox.stats.graphqlRequests).toBe(4);
    }
  });

  it('resolves node and nodes of many kinds in one upstream request, and one more for an id no scope holds', async () => {
    const [a, b] = stack.sandbox.dataset.images;
    // A legacy kind the manager's own node(id) resolves (its ImageNode ids need a scope it cannot be given).
    const registry = encodeGlobalId('ContainerRegistryNode', stack.sandbox.dataset.registries[0]!.id);
    stack.sandbox.stats.reset();
    const data = dataOf(
      await postGraphQL<{ node: { id: string }; nodes: ({ id: string; __typename: string } | null)[] }>(
        stack.gateway.url,
        `{ node(id: "${encodeGlobalId('ImageV2', a!.id)}") { id }
           nodes(ids: ["${encodeGlobalId('ImageV2', b!.id)}", "${registry}", "${encodeGlobalId('ImageV2', '00000000-0000-4000-8000-000000000000')}"]) { id __typename } }`,
        { keypair: stack.sandbox.credentials.superadmin },
      ),
    );
    expect(data.node.id).toBe(encodeGlobalId('ImageV2', a!.id));
    expect(data.nodes).toEqual([
      { id: encodeGlobalId('ImageV2', b!.id), __typename: 'ImageV2' },
      { id: registry, __typename: 'ContainerRegistryNode' },
      null,
    ]);
    // The unknown id: a superadmin also looks it up outside its scopes (image(id)), once the first answer is in.
    expect(stack.sandbox.stats.graphqlRequests).toBe(2);
    expect(stack.sandbox.stats.rootFields.image).toBe(1);
  });

  it("reports a legacy id the manager refuses at its own index, in the manager's words", async () => {
    const [a, b] = stack.sandbox.dataset.images;
    const imageNode = encodeGlobalId('ImageNode', a!.id);
    const query = `{ nodes(ids: ["${encodeGlobalId('ImageV2', b!.id)}", "${imageNode}"]) { id } }`;
    const viaGateway = await postGraphQL<{ nodes: ({ id: string } | null)[] }>(stack.gateway.url, query, {
      keypair: stack.sandbox.credentials.superadmin,
    });
    const direct = await postGraphQL(stack.sandbox.url, `{ node(id: "${imageNode}") { id } }`, {
      keypair: stack.sandbox.credentials.superadmin,
    });
    expect(viaGateway.body.data?.nodes).toEqual([{ id: encodeGlobalId('ImageV2', b!.id) }, null]);
    expect(viaGateway.body.errors).toHaveLength(1);
    expect(viaGateway.body.errors![0]).toMatchObject({
      message: direct.body.errors![0]!.message,
      path: ['nodes', 1],
    });
  });

  it('round-trips node(id) for every image of a page', async () => {
    const data = dataOf(await page({ first: 20 }));
    const query = `{ nodes(ids: ${JSON.stringify(ids(data))}) { id } }`;
    const nodes = dataOf(
      await postGraphQL<{ nodes: { id: string }[] }>(stack.gateway.url, query, {
        keypair: stack.sandbox.credentials.superadmin,
      }),
    );
    expect(nodes.nodes.map((node) => node.id)).toEqual(ids(data));
  });
});
