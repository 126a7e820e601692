import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/relay/index.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts';
import { dataOf, postGraphQL } from '../support/client.ts';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, images: 80 });
});
afterAll(() => sandbox.close());

interface Page {
  image_nodes: {
    count: number;
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
    edges: { cursor: string; node: { row_id: string; id: string } }[];
  };
}

const PAGE = `query ($first: Int, $last: Int, $after: String, $before: String, $offset: Int, $order: String, $filter: String, $statuses: [ImageStatus]) {
  image_nodes(scope_id: "system", first: $first, last: $last, after: $after, before: $before, offset: $offset,
              order: $order, filter: $filter, filter_by_statuses: $statuses) {
    count pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id row_id } }
  }
}`;

const page = (variables: Record<string, unknown>) =>
  postGraphQL<Page>(sandbox.url, PAGE, { keypair: sandbox.credentials.superadmin, variables });

const ids = (p: Page) => p.image_nodes.edges.map((edge) => edge.node.row_id);

/** What the superadmin sees in the system scope: live images of global registries and the research registry. */
function visibleAlive(): string[] {
  const owner = (labels: Record<string, string>) => labels['ai.backend.customized-image.owner'];
  return sandbox.dataset.images
    .filter(
      (image) =>
        image.status === 'ALIVE' &&
        !(owner(image.labels) && owner(image.labels) !== `user:${sandbox.credentials.superadmin.userId}`),
    )
    .map((image) => image.id);
}

describe('image_nodes pagination', () => {
  it('gives a first page of 10 by default and counts every match', async () => {
    const data = dataOf(await page({ first: null }));
    expect(data.image_nodes.edges).toHaveLength(10);
    expect(data.image_nodes.count).toBe(visibleAlive().length);
  });

  it('walks forward with first/after over every row once, newest first with the id breaking ties', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: Page = dataOf(await page({ first: 7, after, order: '-created_at' }));
      seen.push(...ids(data));
      if (!data.image_nodes.pageInfo.hasNextPage) break;
      after = data.image_nodes.pageInfo.endCursor;
    }
    const byId = new Map(sandbox.dataset.images.map((image) => [image.id, image]));
    const expected = visibleAlive().sort((a, b) => {
      const [x, y] = [byId.get(a)!.createdAt, byId.get(b)!.createdAt];
      return x === y ? (a < b ? -1 : 1) : x < y ? 1 : -1;
    });
    expect(seen).toEqual(expected);
  });

  it('walks backward with last/before and returns each page in display order', async () => {
    const forward = dataOf(await page({ first: 100, order: '-created_at' }));
    const all = ids(forward);
    const seen: string[] = [];
    let before: string | null = null;
    for (;;) {
      const data: Page = dataOf(await page({ last: 7, before, order: '-created_at' }));
      seen.unshift(...ids(data));
      if (!data.image_nodes.pageInfo.hasPreviousPage) break;
      before = data.image_nodes.pageInfo.startCursor;
    }
    expect(seen).toEqual(all);
  });

  it('pages by offset with first as the size and both pageInfo flags false', async () => {
    const all = ids(dataOf(await page({ first: 100, order: 'name' })));
    const data = dataOf(await page({ offset: 5, first: 4, order: 'name' }));
    expect(ids(data)).toEqual(all.slice(5, 9));
    expect(data.image_nodes.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('uses ImageNode global ids as cursors', async () => {
    const data = dataOf(await page({ first: 1 }));
    const edge = data.image_nodes.edges[0]!;
    expect(edge.cursor).toBe(edge.node.id);
    expect(edge.node.id).toBe(encodeGlobalId('ImageNode', edge.node.row_id));
  });

  it.each([
    [{ first: 1, last: 1 }, 'Can only paginate with single direction'],
    [
      { after: encodeGlobalId('ImageNode', 'x'), before: encodeGlobalId('ImageNode', 'y') },
      'Can only paginate with single direction',
    ],
    [{ first: -1 }, "Argument 'first' must be a non-negative integer."],
    [{ last: -3 }, "Argument 'last' must be a non-negative integer."],
  ])('refuses %j', async (variables, message) => {
    const response = await page(variables);
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ image_nodes: null });
    expect(response.body.errors?.[0]?.message).toContain(message);
  });

  it('includes deleted images only when asked, and all statuses for an empty list', async () => {
    const deleted = sandbox.dataset.images
      .filter((image) => image.status === 'DELETED')
      .map((image) => image.id);
    const onlyDeleted = dataOf(await page({ first: 100, statuses: ['DELETED'] }));
    expect(ids(onlyDeleted).every((id) => deleted.includes(id))).toBe(true);
    const all = dataOf(await page({ first: 100, statuses: [] }));
    const alive = dataOf(await page({ first: 100 }));
    expect(all.image_nodes.count).toBe(alive.image_nodes.count + onlyDeleted.image_nodes.count);
  });
});

describe('image_nodes page-size cap', () => {
  it('refuses pages above the configured maximum', async () => {
    const capped = await startSandbox({ port: 0, maxPageSize: 20 });
    try {
      const response = await postGraphQL(
        capped.url,
        '{ image_nodes(scope_id: "system", first: 21) { count } }',
        {
          keypair: capped.credentials.superadmin,
        },
      );
      expect(response.body.errors?.[0]?.message).toBe(
        "Cannot fetch a page larger than 20. Set 'first' or 'last' to a smaller integer.",
      );
    } finally {
      await capped.close();
    }
  });
});

describe('image_nodes filter and order', () => {
  const filtered = async (filter: string) =>
    postGraphQL<Page>(
      sandbox.url,
      `{ image_nodes(scope_id: "system", first: 200, filter: ${JSON.stringify(filter)}, filter_by_statuses: [ALIVE, DELETED]) { count edges { node { row_id } } } }`,
      { keypair: sandbox.credentials.superadmin },
    );

  it.each([
    [
      'name ilike "%PYTHON%"',
      (i: { registry: string; image: string; tag: string }) =>
        `${i.registry}/${i.image}:${i.tag}`.toLowerCase().includes('python'),
    ],
    ['architecture == "aarch64"', (i: { architecture: string }) => i.architecture === 'aarch64'],
    [
      'namespace == "stable/pytorch" & !(tag like "1.%")',
      (i: { image: string; tag: string }) => i.image === 'stable/pytorch' && !i.tag.startsWith('1.'),
    ],
    [
      'status == "DELETED" | registry == "registry.example.com"',
      (i: { status: string; registry: string }) =>
        i.status === 'DELETED' || i.registry === 'registry.example.com',
    ],
    [
      'tag in ["latest", "3.9-ubuntu20.04"]',
      (i: { tag: string }) => ['latest', '3.9-ubuntu20.04'].includes(i.tag),
    ],
    [
      'created_at >= "2024-03-01T00:00:00Z"',
      (i: { createdAt: string }) => i.createdAt >= '2024-03-01T00:00:00.000Z',
    ],
  ] as const)('%s', async (filter, predicate) => {
    const data = dataOf(await filtered(filter));
    const found = new Set(ids(data as Page));
    const superadmin = sandbox.credentials.superadmin.userId;
    const expected = sandbox.dataset.images.filter((image) => {
      const owner = image.labels['ai.backend.customized-image.owner'];
      return (!owner || owner === `user:${superadmin}`) && (predicate as (i: unknown) => boolean)(image);
    });
    expect(found).toEqual(new Set(expected.map((image) => image.id)));
    expect(found.size).toBeGreaterThan(0);
  });

  it.each([
    ['name ==', 'Query filter parsing error: Unexpected the end of the expression; expected a value'],
    ['colour == "red"', "('Unknown/unsupported field name', 'colour')"],
    ['status == "ZOMBIE"', 'Invalid enum value: ZOMBIE'],
    ['created_at > "yesterday-ish"', 'Unknown string format'],
  ])('refuses %j with a clear error', async (filter, message) => {
    const response = await filtered(filter);
    expect(response.body.errors?.[0]?.message).toContain(message);
  });

  it('refuses an unknown order field', async () => {
    const response = await page({ first: 1, order: '-colour' });
    expect(response.body.errors?.[0]?.message).toContain('Query ordering parsing error');
  });
});
