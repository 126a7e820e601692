import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/relay/index.ts';
import { MANAGER_VERSIONS, type SandboxImage } from '../../src/sandbox/index.ts';
import { dataOf, postGraphQL } from '../support/client.ts';
import { type Stack, startStack } from '../support/stack.ts';
import {
  byId,
  byName,
  type Compare,
  everyImage,
  newestFirst,
  superadminOrder,
  systemScopeOf,
} from '../support/visibility.ts';

let stack: Stack;
/** The API version clients of the fronted release sign with. */
let apiVersion: string;

const canonical = (row: SandboxImage) => `${row.registry}/${row.image}:${row.tag}`;

/** What the superadmin lists: every image of the table, any status, as the native API. */
const listable = (): SandboxImage[] => everyImage(stack.sandbox.dataset);

/** In the order the gateway promises a superadmin (see test/support/visibility.ts). */
const ordered = (rows: SandboxImage[], order: { managerOrder?: Compare; rest: Compare }) =>
  superadminOrder(stack.sandbox.dataset, rows, order);

interface Page {
  adminImagesV2: {
    count: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string } }[];
  };
}

const LIST = `query ($filter: ImageV2Filter, $orderBy: [ImageV2OrderBy!], $first: Int, $after: String, $limit: Int, $offset: Int) {
  adminImagesV2(filter: $filter, orderBy: $orderBy, first: $first, after: $after, limit: $limit, offset: $offset) {
    count pageInfo { hasNextPage endCursor } edges { node { id } }
  }
}`;

const list = (variables: Record<string, unknown>) =>
  postGraphQL<Page>(stack.gateway.url, LIST, {
    apiVersion,
    keypair: stack.sandbox.credentials.superadmin,
    variables,
  });

const REGISTRY_LIST = `query ($registryId: UUID!, $filter: ImageV2Filter) {
  containerRegistryImagesV2(scope: { registryId: $registryId }, filter: $filter, limit: 100) {
    count edges { node { id } }
  }
}`;

/** One registry's whole filtered list (of fewer than 100 images), as `who` sees it. */
async function registryListIds(registryId: string, filter: unknown, who: 'superadmin' | 'user') {
  const data = dataOf(
    await postGraphQL<{ containerRegistryImagesV2: { count: number; edges: { node: { id: string } }[] } }>(
      stack.gateway.url,
      REGISTRY_LIST,
      { apiVersion, keypair: stack.sandbox.credentials[who], variables: { registryId, filter } },
    ),
  );
  const listed = data.containerRegistryImagesV2.edges.map((edge) => edge.node.id);
  expect(data.containerRegistryImagesV2.count).toBe(listed.length);
  return listed;
}

/** Every id of the filtered list, walking it in pages of 7. */
async function walk(filter: unknown, orderBy?: unknown): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const data: Page = dataOf(await list({ filter, orderBy, first: 7, after }));
    seen.push(...data.adminImagesV2.edges.map((edge) => edge.node.id));
    if (!data.adminImagesV2.pageInfo.hasNextPage) return seen;
    after = data.adminImagesV2.pageInfo.endCursor;
  }
}

const ids = (images: SandboxImage[]) => images.map((image) => encodeGlobalId('ImageV2', image.id));

/** The release profile's suite against the sandbox as each manager release it can be. */
describe.each(MANAGER_VERSIONS)('in front of a %s manager', (managerVersion) => {
  beforeAll(async () => {
    apiVersion = managerVersion === '25.6' ? 'v8.20240915' : 'v9.20250722';
    stack = await startStack({ sandbox: { images: 150, managerVersion }, env: { V2_PROFILE: 'release' } });
  });
  afterAll(() => stack.close());

  describe('adminImagesV2 filters', () => {
    const sample = () => listable()[3]!;

    it.each<[string, () => unknown, (image: SandboxImage) => boolean]>([
      ['status equals', () => ({ status: { equals: 'DELETED' } }), (i) => i.status === 'DELETED'],
      ['status notIn', () => ({ status: { notIn: ['DELETED'] } }), (i) => i.status !== 'DELETED'],
      ['name contains', () => ({ name: { contains: 'pytorch' } }), (i) => canonical(i).includes('pytorch')],
      [
        'name iContains',
        () => ({ name: { iContains: 'PyTorch' } }),
        (i) => canonical(i).toLowerCase().includes('pytorch'),
      ],
      [
        'name startsWith',
        () => ({ name: { startsWith: 'cr.backend.ai/community/' } }),
        (i) => canonical(i).startsWith('cr.backend.ai/community/'),
      ],
      ['name endsWith', () => ({ name: { endsWith: ':latest' } }), (i) => canonical(i).endsWith(':latest')],
      [
        'name equals',
        () => ({ name: { equals: canonical(sample()) } }),
        (i) => canonical(i) === canonical(sample()),
      ],
      [
        'name notContains',
        () => ({ name: { notContains: 'python' } }),
        (i) => !canonical(i).includes('python'),
      ],
      [
        'name in',
        () => ({ name: { in: [canonical(sample())] } }),
        (i) => canonical(i) === canonical(sample()),
      ],
      [
        'name iIn',
        () => ({ name: { iIn: [canonical(sample()).toUpperCase()] } }),
        (i) => canonical(i) === canonical(sample()),
      ],
      [
        'architecture equals',
        () => ({ architecture: { equals: 'aarch64' } }),
        (i) => i.architecture === 'aarch64',
      ],
      [
        'id in',
        () => ({ id: { in: [sample().id, listable()[9]!.id] } }),
        (i) => [sample().id, listable()[9]!.id].includes(i.id),
      ],
      ['id notEquals', () => ({ id: { notEquals: sample().id } }), (i) => i.id !== sample().id],
      [
        'registryId equals',
        () => ({ registryId: { equals: sample().registryId } }),
        (i) => i.registryId === sample().registryId,
      ],
      [
        'alias (applied in the gateway)',
        () => ({ alias: { alias: { startsWith: 'py' } } }),
        (i) => i.aliases.some((a) => a.startsWith('py')),
      ],
      [
        'lastUsed (unknown to legacy managers: nothing matches)',
        () => ({ lastUsed: { after: '2000-01-01T00:00:00Z' } }),
        () => false,
      ],
      [
        'AND',
        () => ({ AND: [{ architecture: { equals: 'x86_64' } }, { name: { contains: 'python' } }] }),
        (i) => i.architecture === 'x86_64' && canonical(i).includes('python'),
      ],
      [
        'OR',
        () => ({ OR: [{ architecture: { equals: 'aarch64' } }, { status: { equals: 'DELETED' } }] }),
        (i) => i.architecture === 'aarch64' || i.status === 'DELETED',
      ],
      [
        'NOT',
        () => ({ NOT: [{ name: { contains: 'community' } }] }),
        (i) => !canonical(i).includes('community'),
      ],
      [
        'OR with a branch the gateway must apply',
        () => ({ OR: [{ alias: { alias: { equals: 'ssh' } } }, { architecture: { equals: 'aarch64' } }] }),
        (i) => i.aliases.includes('ssh') || i.architecture === 'aarch64',
      ],
    ])('%s, across pages of 7', async (_name, filter, predicate) => {
      const expected = ids(ordered(listable().filter(predicate), { managerOrder: newestFirst, rest: byId }));
      expect(await walk(filter())).toEqual(expected);
      expect(dataOf(await list({ filter: filter(), limit: 1 })).adminImagesV2.count).toBe(expected.length);
      // The same filter, for a plain user, goes down to the manager in its own filter language.
      const user = systemScopeOf(stack.sandbox.dataset, stack.sandbox.credentials.user.userId);
      for (const registry of stack.sandbox.dataset.registries.filter((r) => r.isGlobal)) {
        const inRegistry = user.filter((image) => image.registryId === registry.id);
        expect(await registryListIds(registry.id, filter(), 'user')).toEqual(
          ids(inRegistry.filter(predicate).sort(newestFirst)),
        );
      }
    });
  });

  describe('adminImagesV2 orders', () => {
    const nameDescending: Compare = (a, b) =>
      canonical(a) === canonical(b) ? (a.id < b.id ? -1 : 1) : canonical(a) < canonical(b) ? 1 : -1;
    const oldestFirst: Compare = (a, b) =>
      a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1;
    it.each<[string, unknown, { managerOrder?: Compare; rest: Compare }]>([
      ['newest first by default', undefined, { managerOrder: newestFirst, rest: byId }],
      ['NAME ASC', [{ field: 'NAME', direction: 'ASC' }], { rest: byName }],
      ['NAME DESC', [{ field: 'NAME', direction: 'DESC' }], { rest: nameDescending }],
      [
        'CREATED_AT ASC',
        [{ field: 'CREATED_AT', direction: 'ASC' }],
        { managerOrder: oldestFirst, rest: byId },
      ],
    ])('%s', async (_name, orderBy, order) => {
      expect(await walk({ status: { equals: 'ALIVE' } }, orderBy)).toEqual(
        ids(
          ordered(
            listable().filter((i) => i.status === 'ALIVE'),
            order,
          ),
        ),
      );
    });

    it('NAME then CREATED_AT (ordered in the gateway), across pages', async () => {
      const comparator = (a: SandboxImage, b: SandboxImage) =>
        canonical(a) !== canonical(b)
          ? canonical(a) < canonical(b)
            ? -1
            : 1
          : a.createdAt !== b.createdAt
            ? a.createdAt < b.createdAt
              ? 1
              : -1
            : a.id < b.id
              ? -1
              : 1;
      expect(await walk(null, [{ field: 'NAME' }, { field: 'CREATED_AT', direction: 'DESC' }])).toEqual(
        ids(ordered(listable(), { managerOrder: comparator, rest: byName })),
      );
    });
  });

  describe('cost', () => {
    const registry = () => stack.sandbox.dataset.registries.find((r) => r.project === 'stable')!;

    it("asks the manager once for a plain user's filtered page it can filter itself", async () => {
      stack.sandbox.stats.reset();
      await registryListIds(
        registry().id,
        { name: { contains: 'python' }, status: { in: ['ALIVE'] } },
        'user',
      );
      expect(stack.sandbox.stats.graphqlRequests).toBe(1);
      expect(stack.sandbox.stats.rootFields).toEqual({ image_nodes: 1, user: 1 });
    });

    it("reads a superadmin's page from the whole table: its role, the manager's order, the table's keys, the page's rows", async () => {
      stack.sandbox.stats.reset();
      dataOf(await list({ filter: { name: { contains: 'python' } }, first: 20 }));
      expect(stack.sandbox.stats.graphqlRequests).toBe(4);
      expect(stack.sandbox.stats.rootFields).toEqual({ user: 1, image_nodes: 2, images: 1 });
    });
  });

  describe('containerRegistryImagesV2', () => {
    it('lists the images of one registry', async () => {
      const registry = stack.sandbox.dataset.registries.find((r) => r.project === 'community')!;
      const data = dataOf(
        await postGraphQL<{ containerRegistryImagesV2: { count: number } }>(
          stack.gateway.url,
          `{ containerRegistryImagesV2(scope: { registryId: "${registry.id}" }, limit: 1) { count } }`,
          { apiVersion, keypair: stack.sandbox.credentials.superadmin },
        ),
      );
      expect(data.containerRegistryImagesV2.count).toBe(
        listable().filter((image) => image.registryId === registry.id).length,
      );
    });
  });

  describe('ImageV2.aliases', () => {
    it('is a connection over the image aliases, filtered and ordered', async () => {
      const image = listable().find((candidate) => candidate.aliases.length > 0)!;
      const data = dataOf(
        await postGraphQL<{
          imageV2: { aliases: { count: number; edges: { node: { alias: string; id: string } }[] } };
        }>(
          stack.gateway.url,
          `{ imageV2(id: "${image.id}") { aliases(orderBy: [{ field: ALIAS, direction: DESC }], filter: { alias: { contains: "" } }) { count edges { node { id alias } } } } }`,
          { apiVersion, keypair: stack.sandbox.credentials.superadmin },
        ),
      );
      expect(data.imageV2.aliases.edges.map((edge) => edge.node.alias)).toEqual(
        [...image.aliases].sort().reverse(),
      );
      expect(data.imageV2.aliases.count).toBe(image.aliases.length);
    });
  });
});
