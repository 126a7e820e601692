/**
 * Native paging over real HTTP, per release: the orders, the cursor modes and their quirks (26.2 pages by
 * id; from 26.4 cursor pages go by created_at first and skip rows tied with the cursor row; backward
 * pages are not reversed), pageInfo, count, and the refusals.
 */
import { describe, expect, it } from 'vitest';
import type { SandboxImage } from '../../src/sandbox/data/types.ts';
import { NATIVE_RELEASES, type Sandbox } from '../../src/sandbox/index.ts';
import { aliasRowId } from '../../src/sandbox/native-v2/values.ts';
import { nativeData, nativeError, nativeSandboxesPerRelease } from './native-v2-client.ts';

const sandboxes = nativeSandboxesPerRelease();

interface Connection {
  count: number;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  edges: { cursor: string; node: { id: string } }[];
}

const cursorOf = (id: string) => Buffer.from(`cursor:v1:${id}`).toString('base64');
const rowIdOf = (globalId: string) => Buffer.from(globalId, 'base64').toString().slice('ImageV2:'.length);

async function page(sandbox: Sandbox, args: string): Promise<Connection & { ids: string[] }> {
  const answer = await nativeData<{ adminImagesV2: Connection }>(
    sandbox,
    `{ adminImagesV2${args ? `(${args})` : ''} { count pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }`,
  );
  return { ...answer.adminImagesV2, ids: answer.adminImagesV2.edges.map((edge) => rowIdOf(edge.node.id)) };
}

const byId = (a: SandboxImage, b: SandboxImage) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** created_at DESC, id ASC: the newest-first order of 26.4+. */
const newestFirst = (a: SandboxImage, b: SandboxImage) =>
  Date.parse(b.createdAt) - Date.parse(a.createdAt) || byId(a, b);
const ids = (images: SandboxImage[]) => images.map((image) => image.id);

describe.each(NATIVE_RELEASES)('%s', (release) => {
  const sandbox = () => sandboxes[release];
  const all = () => [...sandbox().dataset.images];
  const withCode = release !== '26.2';

  it('counts every match whatever the page, and flags offset pages by the offset', async () => {
    const middle = await page(sandbox(), 'limit: 5, offset: 10');
    expect(middle.count).toBe(all().length);
    expect(middle.ids).toHaveLength(5);
    expect(middle.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(middle.pageInfo.startCursor).toBe(middle.edges[0]?.cursor);
    const last = await page(sandbox(), `limit: 5, offset: ${all().length - 2}`);
    expect([last.ids.length, last.pageInfo.hasNextPage]).toEqual([2, false]);
    const first = await page(sandbox(), '');
    expect([first.ids.length, first.pageInfo.hasPreviousPage]).toEqual([10, false]);
  });

  it('writes each edge cursor as base64 of cursor:v1:<id>', async () => {
    const { edges, ids: rowIds } = await page(sandbox(), 'limit: 3');
    expect(edges.map((edge) => edge.cursor)).toEqual(rowIds.map(cursorOf));
  });

  it.each([
    ['first 0', 'first: 0', 'Invalid GraphQL parameters. (first must be positive, got 0)'],
    ['limit -1', 'limit: -1', 'Invalid GraphQL parameters. (limit must be positive, got -1)'],
    [
      'a negative offset',
      'limit: 1, offset: -1',
      'Invalid GraphQL parameters. (offset must be non-negative, got -1)',
    ],
    [
      'first with last',
      'first: 1, last: 1',
      'Invalid GraphQL parameters. (Only one pagination mode allowed: (first/after) OR (last/before) OR (limit/offset))',
    ],
    [
      'a cursor that is not one',
      'first: 1, after: "bm9wZQ=="',
      'Invalid cursor format. (Invalid cursor format: bm9wZQ==)',
    ],
  ])('refuses %s', async (_name, args, message) => {
    expect(await nativeError(sandbox(), `{ adminImagesV2(${args}) { count } }`)).toEqual({
      message,
      code: withCode ? 'api_generic_invalid-parameters' : undefined,
      data: { adminImagesV2: null },
    });
  });

  it('counts every alias row and pages them', async () => {
    const aliases = sandbox().dataset.images.flatMap((image) =>
      image.aliases.map((alias) => ({ alias, image })),
    );
    const answer = await nativeData<{
      adminImageAliases: { count: number; edges: { node: { id: string; alias: string } }[] };
    }>(sandbox(), '{ adminImageAliases(limit: 100) { count edges { node { id alias } } } }');
    expect(answer.adminImageAliases.count).toBe(aliases.length);
    const listed = answer.adminImageAliases.edges.map((edge) => edge.node.alias);
    // 26.2 lists aliases by row id, later releases by the alias itself.
    const expected =
      release === '26.2'
        ? aliases
            .map(({ alias, image }) => ({ alias, id: aliasRowId(image.id, alias) }))
            .sort((a, b) => (a.id < b.id ? -1 : 1))
            .map((row) => row.alias)
        : aliases.map((row) => row.alias).sort();
    expect(listed).toEqual(expected);
  });
});

describe('26.2 pages by id', () => {
  const sandbox = () => sandboxes['26.2'];
  const sorted = () => [...sandbox().dataset.images].sort(byId);

  it('orders offset pages by id when no orderBy is given', async () => {
    expect((await page(sandbox(), 'limit: 1000')).ids).toEqual(ids(sorted()));
  });

  it('walks forward by id over every row once', async () => {
    const seen: string[] = [];
    let after = '';
    for (;;) {
      const next = await page(sandbox(), `first: 7${after}`);
      seen.push(...next.ids);
      if (!next.pageInfo.hasNextPage) break;
      after = `, after: "${next.pageInfo.endCursor}"`;
    }
    expect(seen).toEqual(ids(sorted()));
  });

  it('returns a last page in the order it was read: the largest ids first', async () => {
    const last = await page(sandbox(), 'last: 3');
    expect(last.ids).toEqual(ids(sorted().reverse().slice(0, 3)));
    expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
  });

  it('refuses orderBy with first or last, even an empty one', async () => {
    const message =
      'Invalid GraphQL parameters. (order_by cannot be used with cursor pagination (first/after, last/before))';
    for (const args of ['first: 2, orderBy: [{ field: NAME }]', 'last: 2, orderBy: []'])
      expect((await nativeError(sandbox(), `{ adminImagesV2(${args}) { count } }`)).message).toBe(message);
  });

  it('ignores offset without limit', async () => {
    expect((await page(sandbox(), 'offset: 20')).ids).toEqual(ids(sorted().slice(0, 10)));
  });

  it('reads a cursor naming no row as a position among the ids', async () => {
    const [middle] = ids(sorted().slice(30, 31));
    const probe = `${(middle as string).slice(0, 35)}0`;
    const after = await page(sandbox(), `first: 100, after: "${cursorOf(probe)}"`);
    expect(after.ids).toEqual(ids(sorted().filter((image) => image.id > probe)));
  });

  it('fails on a cursor id that is no uuid once the database binds it', async () => {
    const error = await nativeError(
      sandbox(),
      `{ adminImagesV2(first: 1, after: "${cursorOf('nope')}") { count } }`,
    );
    expect(error).toEqual({
      message: '(builtins.ValueError) badly formed hexadecimal UUID string',
      code: undefined,
      data: { adminImagesV2: null },
    });
  });
});

describe.each(['26.4', '26.8'] as const)('%s pages by created_at', (release) => {
  const sandbox = () => sandboxes[release];
  const sorted = () => [...sandbox().dataset.images].sort(newestFirst);

  it('orders offset pages newest first, the id breaking ties', async () => {
    expect((await page(sandbox(), 'limit: 1000')).ids).toEqual(ids(sorted()));
  });

  it('skips the rows tied with the cursor row on the next page', async () => {
    const rows = sorted();
    const tie = rows.findIndex((row, index) => index > 0 && row.createdAt === rows[index + 1]?.createdAt);
    expect(tie).toBeGreaterThan(0);
    const first = await page(sandbox(), `first: ${tie + 1}`);
    expect(first.ids.at(-1)).toBe(rows[tie]?.id);
    const next = await page(sandbox(), `first: 3, after: "${first.pageInfo.endCursor}"`);
    // rows[tie + 1] has the cursor row's created_at, so `created_at < cursor's` never lets it through.
    expect(next.ids).toEqual(ids(rows.slice(tie + 2, tie + 5)));
    expect(next.pageInfo.hasPreviousPage).toBe(true);
  });

  it('lets orderBy only break ties of created_at in cursor mode', async () => {
    const byNameDesc = (a: SandboxImage, b: SandboxImage) =>
      Date.parse(b.createdAt) - Date.parse(a.createdAt) ||
      (a.name < b.name ? 1 : a.name > b.name ? -1 : byId(a, b));
    const answer = await page(sandbox(), 'first: 1000, orderBy: [{ field: NAME, direction: DESC }]');
    expect(answer.ids).toEqual(ids([...sandbox().dataset.images].sort(byNameDesc)));
  });

  it('returns last pages oldest first, not reversed', async () => {
    const oldest = [...sorted()].reverse();
    const last = await page(sandbox(), 'last: 3');
    expect(last.ids).toEqual(ids(oldest.slice(0, 3)));
    expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = await page(sandbox(), `last: 2, before: "${cursorOf(oldest[5]?.id as string)}"`);
    const newer = oldest.filter(
      (row) => Date.parse(row.createdAt) > Date.parse(oldest[5]?.createdAt as string),
    );
    expect(before.ids).toEqual(ids(newer.slice(0, 2)));
    expect(before.pageInfo.hasNextPage).toBe(true);
  });

  it('gives no rows after a cursor naming no row, but counts every match', async () => {
    const after = await page(
      sandbox(),
      `first: 5, after: "${cursorOf('00000000-0000-4000-8000-000000000000')}"`,
    );
    expect([after.ids, after.count, after.pageInfo.hasPreviousPage]).toEqual([
      [],
      sandbox().dataset.images.length,
      true,
    ]);
  });

  it('honours offset without limit, and refuses after with last as a mix of modes', async () => {
    expect((await page(sandbox(), 'offset: 20')).ids).toEqual(ids(sorted().slice(20, 30)));
    const mix = await nativeError(
      sandbox(),
      `{ adminImagesV2(last: 1, after: "${cursorOf('x')}") { count } }`,
    );
    expect(mix.message).toBe(
      'Invalid GraphQL parameters. (Only one pagination mode allowed: (first/after) OR (last/before) OR (limit/offset))',
    );
  });
});

describe('a cursor id that is no uuid', () => {
  it('is the ValueError of uuid.UUID on 26.4 and InvalidCursor on 26.8', async () => {
    const cursor = cursorOf('nope');
    const query = `{ adminImagesV2(first: 1, after: "${cursor}") { count } }`;
    expect(await nativeError(sandboxes['26.4'], query)).toEqual({
      message: 'badly formed hexadecimal UUID string',
      code: 'backendai_generic_internal-error',
      data: { adminImagesV2: null },
    });
    expect(await nativeError(sandboxes['26.8'], query)).toEqual({
      message: `Invalid cursor format. (Invalid cursor value: ${cursor})`,
      code: 'api_generic_invalid-parameters',
      data: { adminImagesV2: null },
    });
  });
});
