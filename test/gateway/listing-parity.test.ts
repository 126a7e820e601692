/**
 * Listing parity with the native API, over the sandbox as each manager release: for every root field,
 * role and pagination mode, walking every page gives exactly the ids the manager's full list holds,
 * computed from the dataset's declared facts (test/support/visibility.ts), DELETED and customized images
 * and the registry no scope reaches included.
 *
 * - a superadmin: every row of the table (adminImagesV2), of one registry (containerRegistryImagesV2), or
 *   every live one (the bep-1038 imagesV2), as the native resolvers list them;
 * - a plain user: what the manager lets it see, its system scope, read with its own credentials;
 *   adminImagesV2 is refused to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeGlobalId, encodeGlobalId } from '../../src/relay/index.ts';
import { type Dataset, MANAGER_VERSIONS, type SandboxImage } from '../../src/sandbox/index.ts';
import { dataOf, postGraphQL } from '../support/client.ts';
import { type Stack, startStack } from '../support/stack.ts';
import { everyImage, isCustomizedImage, systemScopeOf } from '../support/visibility.ts';

type Who = 'superadmin' | 'user';

interface Connection {
  count: number;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  edges: { node: { id: string; metadata: { status: string } } }[];
}

const PAGE_ARGS =
  'first: $first, after: $after, last: $last, before: $before, limit: $limit, offset: $offset';
const VARIABLES = '$first: Int, $after: String, $last: Int, $before: String, $limit: Int, $offset: Int';
const SELECTION =
  '{ count pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { id metadata { status } } } }';

interface Field {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

const adminList: Field = {
  name: 'adminImagesV2',
  query: `query (${VARIABLES}) { list: adminImagesV2(${PAGE_ARGS}) ${SELECTION} }`,
};
const registryList = (registryId: string): Field => ({
  name: 'containerRegistryImagesV2',
  query: `query ($registryId: UUID!, ${VARIABLES}) {
    list: containerRegistryImagesV2(scope: { registryId: $registryId }, ${PAGE_ARGS}) ${SELECTION} }`,
  variables: { registryId },
});
const liveList: Field = {
  name: 'imagesV2',
  query: `query (${VARIABLES}) { list: imagesV2(${PAGE_ARGS}) ${SELECTION} }`,
};

type Mode = 'forward' | 'backward' | 'offset';
const MODES: Mode[] = ['forward', 'backward', 'offset'];
const SIZE = 7;

const rawId = (globalId: string) => decodeGlobalId(globalId)?.id ?? globalId;

async function walk(stack: Stack, who: Who, field: Field, mode: Mode, apiVersion: string) {
  const ask = (variables: Record<string, unknown>) =>
    postGraphQL<{ list: Connection }>(stack.gateway.url, field.query, {
      keypair: stack.sandbox.credentials[who],
      variables: { ...field.variables, ...variables },
      apiVersion,
    });
  const seen: string[] = [];
  const counts = new Set<number>();
  let cursor: string | null = null;
  for (let offset = 0, pages = 0; pages < 100; pages += 1) {
    const variables: Record<string, unknown> =
      mode === 'forward'
        ? { first: SIZE, after: cursor }
        : mode === 'backward'
          ? { last: SIZE, before: cursor }
          : { limit: SIZE, offset };
    const answer: { list: Connection } = dataOf(await ask(variables));
    const list = answer.list;
    counts.add(list.count);
    const ids = list.edges.map((edge: Connection['edges'][number]) => rawId(edge.node.id));
    if (mode === 'backward') seen.unshift(...ids);
    else seen.push(...ids);
    offset += SIZE;
    const more =
      mode === 'backward'
        ? list.pageInfo.hasPreviousPage
        : mode === 'forward'
          ? list.pageInfo.hasNextPage
          : offset < list.count;
    if (!more) return { seen, counts };
    cursor = mode === 'backward' ? list.pageInfo.startCursor : list.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

function expectSameList(seen: string[], counts: Set<number>, expected: SandboxImage[]) {
  expect(new Set(seen).size, 'no image twice').toBe(seen.length);
  expect(new Set(seen)).toEqual(new Set(expected.map((image) => image.id)));
  expect([...counts]).toEqual([expected.length]);
}

const userOf = (dataset: Dataset, who: Who) =>
  dataset.users.find((user) => user.role === who)?.uuid as string;

describe.each(MANAGER_VERSIONS)('in front of a %s manager', (managerVersion) => {
  const apiVersion = managerVersion === '25.6' ? 'v8.20240915' : 'v9.20250722';
  let release: Stack;
  let bep: Stack;
  beforeAll(async () => {
    [release, bep] = await Promise.all([
      startStack({ sandbox: { managerVersion }, env: { V2_PROFILE: 'release' } }),
      startStack({ sandbox: { managerVersion } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([release?.close(), bep?.close()]);
  });

  it('the dataset holds what the native list adds to the manager scopes: DELETED, customized, unreachable', () => {
    const { dataset } = release.sandbox;
    const superadminScope = new Set(systemScopeOf(dataset, userOf(dataset, 'superadmin')).map((i) => i.id));
    const outside = everyImage(dataset).filter((image) => !superadminScope.has(image.id));
    expect(outside.some(isCustomizedImage)).toBe(true);
    expect(outside.some((image) => !isCustomizedImage(image))).toBe(true);
    expect(outside.some((image) => image.status === 'DELETED')).toBe(true);
  });

  it('adminImagesV2 filtered by ids (the web UI picker) reads those images by id and answers as the whole table', async () => {
    const { dataset, credentials } = release.sandbox;
    const superadminScope = new Set(systemScopeOf(dataset, userOf(dataset, 'superadmin')).map((i) => i.id));
    const images = everyImage(dataset);
    const pick = (test: (image: SandboxImage) => boolean) =>
      images
        .filter(test)
        .slice(0, 3)
        .map((image) => image.id);
    const inScope = pick((image) => superadminScope.has(image.id));
    const outsideAlive = pick((image) => !superadminScope.has(image.id) && image.status === 'ALIVE');
    const outsideDeleted = pick((image) => !superadminScope.has(image.id) && image.status === 'DELETED');
    const missing = '00000000-0000-4000-8000-000000000000';
    const page = `query ($filter: ImageV2Filter) {
      list: adminImagesV2(filter: $filter, limit: 100) { count edges { node { id metadata { status } } } } }`;
    const ask = (filter: unknown) =>
      postGraphQL<{ list: Connection }>(release.gateway.url, page, {
        keypair: credentials.superadmin,
        variables: { filter },
        apiVersion,
      }).then(dataOf);
    const listed = (answer: { list: Connection }) => new Set(answer.list.edges.map((e) => rawId(e.node.id)));

    // What the picker asks: images it was shown, so they exist and are live.
    const shown = [...inScope, ...outsideAlive];
    release.sandbox.stats.reset();
    const picked = await ask({ id: { in: shown } });
    expect(release.sandbox.stats.rootFields.images, 'no images list read').toBeUndefined();
    expect(listed(picked)).toEqual(new Set(shown));

    // Any mix answers as the whole-table read does (NOT NOT names no ids, so it takes that read).
    const ids = [...shown, ...outsideDeleted, missing];
    const byId = await ask({ id: { in: ids } });
    expect(byId).toEqual(await ask({ NOT: [{ NOT: [{ id: { in: ids } }] }] }));
    expect(listed(byId)).toEqual(new Set([...shown, ...outsideDeleted]));
  });

  describe.each(MODES)('walking every page %s', (mode) => {
    it('adminImagesV2: a superadmin meets every image of the table, any status', async () => {
      const { seen, counts } = await walk(release, 'superadmin', adminList, mode, apiVersion);
      expectSameList(seen, counts, everyImage(release.sandbox.dataset));
    });

    it('containerRegistryImagesV2: each registry lists every image of it to a superadmin, and what the manager lets a user see', async () => {
      const { dataset } = release.sandbox;
      for (const registry of dataset.registries) {
        const inRegistry = (images: SandboxImage[]) =>
          images.filter((image) => image.registryId === registry.id);
        const field = registryList(registry.id);
        const admin = await walk(release, 'superadmin', field, mode, apiVersion);
        expectSameList(admin.seen, admin.counts, inRegistry(everyImage(dataset)));
        const user = await walk(release, 'user', field, mode, apiVersion);
        expectSameList(user.seen, user.counts, inRegistry(systemScopeOf(dataset, userOf(dataset, 'user'))));
      }
    });

    it('imagesV2 (bep-1038): every live image to a superadmin, the live images of its scope to a user', async () => {
      const { dataset } = bep.sandbox;
      const alive = (images: SandboxImage[]) => images.filter((image) => image.status === 'ALIVE');
      const admin = await walk(bep, 'superadmin', liveList, mode, apiVersion);
      expectSameList(admin.seen, admin.counts, alive(everyImage(dataset)));
      const user = await walk(bep, 'user', liveList, mode, apiVersion);
      expectSameList(user.seen, user.counts, alive(systemScopeOf(dataset, userOf(dataset, 'user'))));
    });
  });

  // Regression: under the release profile's renames, node/nodes of an ImageV2 id failed with
  // "existingResolver is not a function" (transform-rename wrapped the legacy Node's missing resolveType).
  it('finds by id, through nodes, every image a superadmin lists; a plain user only those its scope holds', async () => {
    const { dataset, credentials } = release.sandbox;
    const superadminScope = new Set(systemScopeOf(dataset, credentials.superadmin.userId).map((i) => i.id));
    const userScope = new Set(systemScopeOf(dataset, credentials.user.userId).map((i) => i.id));
    const images = everyImage(dataset);
    const query = `{ nodes(ids: ${JSON.stringify(images.map((image) => encodeGlobalId('ImageV2', image.id)))}) {
      ... on ImageV2 { id metadata { status } } } }`;
    const found = async (who: Who) => {
      const answer = await postGraphQL<{ nodes: ({ id: string } | null)[] }>(release.gateway.url, query, {
        keypair: credentials[who],
        apiVersion,
      });
      expect(answer.body.errors).toBeUndefined();
      return answer.body.data?.nodes.map((node) => node !== null) ?? [];
    };
    // 26.1's image(id), the one read by id outside the scopes, loads live images only.
    const reachable = (image: SandboxImage) =>
      superadminScope.has(image.id) || managerVersion === '25.6' || image.status === 'ALIVE';
    expect(await found('superadmin')).toEqual(images.map(reachable));
    expect(await found('user')).toEqual(images.map((image) => userScope.has(image.id)));
  });

  it('refuses adminImagesV2 to a plain user, as the native API', async () => {
    const response = await postGraphQL(release.gateway.url, adminList.query, {
      keypair: release.sandbox.credentials.user,
      variables: { first: 1 },
      apiVersion,
    });
    expect(response.body).toMatchObject({
      data: { list: null },
      errors: [{ message: 'Admin exclusive access', path: ['list'] }],
    });
  });
});
