/**
 * `image_nodes` over real HTTP: the three paging modes and their errors, cursors under a custom order with
 * ties, backward pages, count, status defaults, and what differs on 25.6.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox, SandboxImage } from '../../src/sandbox/index.ts';
import { startSandbox } from '../../src/sandbox/index.ts';
import { toGlobalId } from '../../src/sandbox/python-compat.ts';
import { systemScopeOf } from '../support/visibility.ts';
import { data, errorOf, gql, sandboxesClosedAfterEach } from './helpers.ts';

interface Page {
  image_nodes: {
    count: number;
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
    edges: { cursor: string; node: { id: string; row_id: string } }[];
  };
}

const PAGE = `query ($first: Int, $last: Int, $after: String, $before: String, $offset: Int, $order: String,
                     $filter: String, $statuses: [ImageStatus]) {
  image_nodes(scope_id: "system", first: $first, last: $last, after: $after, before: $before, offset: $offset,
              order: $order, filter: $filter, filter_by_statuses: $statuses) {
    count pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id row_id } }
  }
}`;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, images: 90 });
});
afterAll(() => sandbox.close());

const page = (variables: Record<string, unknown>, on: Sandbox = sandbox) =>
  data<Page>(on, PAGE, 'superadmin', variables);
const ids = (p: Page) => p.image_nodes.edges.map((edge) => edge.node.row_id);

/** The superadmin's system scope, with the given statuses. */
function visible(on: Sandbox, statuses = ['ALIVE']): SandboxImage[] {
  return systemScopeOf(on.dataset, on.credentials.superadmin.userId).filter((image) =>
    statuses.includes(image.status),
  );
}

/** `-created_at`, then the id: the order the manager gives, ties broken by id ascending. */
const newestFirst = (a: SandboxImage, b: SandboxImage) =>
  a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? 1 : -1;

async function walk(variables: Record<string, unknown>, direction: 'forward' | 'backward', on = sandbox) {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard += 1) {
    const key = direction === 'forward' ? 'after' : 'before';
    const p = await page({ ...variables, [key]: cursor }, on);
    if (direction === 'forward') seen.push(...ids(p));
    else seen.unshift(...ids(p));
    const info = p.image_nodes.pageInfo;
    if (direction === 'forward' ? !info.hasNextPage : !info.hasPreviousPage) return seen;
    cursor = direction === 'forward' ? info.endCursor : info.startCursor;
  }
  throw new Error('paging did not end');
}

describe('image_nodes cursor pagination', () => {
  it('gives a first page of 10 by default, counting every match whatever the page', async () => {
    const p = await page({});
    expect(p.image_nodes.edges).toHaveLength(10);
    expect(p.image_nodes.count).toBe(visible(sandbox).length);
    expect(p.image_nodes.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it('sorts by id when no order is given', async () => {
    expect(ids(await page({ first: 200 }))).toEqual(
      visible(sandbox)
        .map((image) => image.id)
        .sort(),
    );
  });

  it('uses ImageNode global ids (padded base64 of ImageNode:<uuid>) as cursors', async () => {
    const edge = (await page({ first: 1 })).image_nodes.edges[0]!;
    expect(edge.cursor).toBe(edge.node.id);
    expect(Buffer.from(edge.node.id, 'base64').toString()).toBe(`ImageNode:${edge.node.row_id}`);
  });

  it('the dataset has ties on created_at for the tie break to matter', () => {
    const times = visible(sandbox).map((image) => image.createdAt);
    expect(new Set(times).size).toBeLessThan(times.length);
  });

  it('walks forward over every row once with a custom order and ties', async () => {
    const seen = await walk({ first: 7, order: '-created_at' }, 'forward');
    expect(seen).toEqual(
      visible(sandbox)
        .sort(newestFirst)
        .map((image) => image.id),
    );
  });

  it('walks backward page by page, each page in display (forward) order', async () => {
    const forward = visible(sandbox)
      .sort(newestFirst)
      .map((image) => image.id);
    const lastPage = await page({ last: 7, order: '-created_at' });
    expect(ids(lastPage)).toEqual(forward.slice(-7));
    expect(lastPage.image_nodes.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    expect(await walk({ last: 7, order: '-created_at' }, 'backward')).toEqual(forward);
  });

  it('pages after a cursor row even when the row is outside the listing (its values still count)', async () => {
    const deleted = sandbox.dataset.images.find((image) => image.status === 'DELETED')!;
    const after = toGlobalId('ImageNode', deleted.id);
    const expected = visible(sandbox)
      .filter(
        (image) =>
          image.createdAt < deleted.createdAt ||
          (image.createdAt === deleted.createdAt && image.id > deleted.id),
      )
      .sort(newestFirst)
      .slice(0, 5)
      .map((image) => image.id);
    expect(ids(await page({ first: 5, after, order: '-created_at' }))).toEqual(expected);
  });

  it('answers an empty page after a cursor naming no row, when an order is given', async () => {
    const after = toGlobalId('ImageNode', '00000000-0000-4000-8000-000000000000');
    expect(ids(await page({ first: 5, after, order: 'name' }))).toEqual([]);
    expect((await page({ first: 5, after })).image_nodes.edges).toHaveLength(5);
  });

  it('with first: 0 answers no rows but says whether any follow', async () => {
    const p = await page({ first: 0 });
    expect(p.image_nodes.edges).toEqual([]);
    expect(p.image_nodes.pageInfo.hasNextPage).toBe(true);
  });

  it.each([
    [
      { first: 1, last: 1 },
      'Can only paginate with single direction, forwards or backwards. Please set only one of (after, first) or (before, last).',
    ],
    [
      { after: 'x', last: 2 },
      'Can only paginate with single direction, forwards or backwards. Please set only one of (after, first) or (before, last).',
    ],
    [{ first: -1 }, "Argument 'first' must be a non-negative integer."],
    [{ last: -3 }, "Argument 'last' must be a non-negative integer."],
    [{ first: 2, after: 'not-a-cursor' }, '(builtins.ValueError) badly formed hexadecimal UUID string'],
    [
      { first: 2, after: toGlobalId('ImageNode', 'x'), order: 'name' },
      '(builtins.ValueError) badly formed hexadecimal UUID string',
    ],
  ])('refuses %j with the manager error', async (variables, message) => {
    const response = await gql(sandbox, PAGE, 'superadmin', variables);
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ image_nodes: null });
    expect(response.body.errors?.[0]).toMatchObject({ message, path: ['image_nodes'] });
  });
});

describe('image_nodes offset pagination', () => {
  it('pages by offset with first as the size (default 10), in order then id, both flags false', async () => {
    const all = ids(await page({ first: 200, order: 'name' }));
    const p = await page({ offset: 5, first: 4, order: 'name', last: 99, before: 'ignored' });
    expect(ids(p)).toEqual(all.slice(5, 9));
    expect(p.image_nodes.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    expect(ids(await page({ offset: 0 }))).toHaveLength(10);
  });

  it.each([
    [{ offset: -1 }, 'OFFSET must not be negative'],
    [{ offset: 0, first: -2 }, 'LIMIT must not be negative'],
  ])('refuses %j as the database does', async (variables, message) => {
    expect(await errorOf(sandbox, PAGE, 'superadmin', variables)).toContain(message);
  });
});

describe('image_nodes counts and statuses', () => {
  it('lists ALIVE images by default, DELETED ones when asked, and every status for an empty list', async () => {
    const alive = await page({ first: 1 });
    const deleted = await page({ first: 200, statuses: ['DELETED'] });
    const all = await page({ first: 1, statuses: [] });
    expect(alive.image_nodes.count).toBe(visible(sandbox).length);
    expect(deleted.image_nodes.count).toBe(visible(sandbox, ['DELETED']).length);
    expect(deleted.image_nodes.count).toBeGreaterThan(0);
    expect(all.image_nodes.count).toBe(alive.image_nodes.count + deleted.image_nodes.count);
    expect((await page({ first: 1, statuses: null })).image_nodes.count).toBe(alive.image_nodes.count);
  });
});

describe('image_nodes page-size cap', () => {
  const sandboxOf = sandboxesClosedAfterEach();

  it('refuses pages above max_gql_connection_page_size, in every mode', async () => {
    const capped = await sandboxOf({ maxPageSize: 20 });
    const message = "Cannot fetch a page larger than 20. Set 'first' or 'last' to a smaller integer.";
    expect(await errorOf(capped, PAGE, 'superadmin', { first: 21 })).toBe(message);
    expect(await errorOf(capped, PAGE, 'superadmin', { last: 21 })).toBe(message);
    expect(await errorOf(capped, PAGE, 'superadmin', { offset: 0, first: 21 })).toBe(message);
    expect((await page({ first: 20 }, capped)).image_nodes.edges).toHaveLength(20);
  });
});

describe('image_nodes on 25.6', () => {
  const sandboxOf = sandboxesClosedAfterEach();

  it('ignores a cursor when no order is given: the same first page comes back', async () => {
    const old = await sandboxOf({ managerVersion: '25.6' });
    const first = await page({ first: 5 }, old);
    const again = await page({ first: 5, after: first.image_nodes.pageInfo.endCursor }, old);
    expect(ids(again)).toEqual(ids(first));
  });

  it('counts only the rows after the cursor', async () => {
    const old = await sandboxOf({ managerVersion: '25.6' });
    const first = await page({ first: 5, order: 'name' }, old);
    const next = await page({ first: 5, order: 'name', after: first.image_nodes.pageInfo.endCursor }, old);
    expect(next.image_nodes.count).toBe(first.image_nodes.count - 5);
    const current = await page({ first: 5, order: 'name', after: first.image_nodes.pageInfo.endCursor });
    expect(current.image_nodes.count).toBe(visible(sandbox).length);
  });
});
