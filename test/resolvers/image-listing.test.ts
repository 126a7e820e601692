import { describe, expect, it } from 'vitest';
import { CURRENT_FILTER_LANGUAGE } from '../../src/filters/index.ts';
import type { LegacyImageRow } from '../../src/image/index.ts';
import { encodeCursor } from '../../src/relay/index.ts';
import { type ListingSource, resolveImageList } from '../../src/resolvers/image-listing.ts';
import type { LegacyImageConnection, LegacyImagePort } from '../../src/resolvers/image-v2.ts';
import { ManagerPageCap } from '../../src/resolvers/whole-match.ts';

const ID = '00000000-0000-4000-8000-00000000000a';

const row: LegacyImageRow = {
  row_id: ID,
  namespace: 'stable/python',
  project: 'stable',
  registry: 'cr.backend.ai',
  tag: '3.9',
  architecture: 'x86_64',
  digest: null,
  labels: [],
  size_bytes: 1,
  status: 'ALIVE',
  resource_limits: [],
  supported_accelerators: [],
  aliases: [],
};

/** A plain user's manager: `total` images match, pages hold one row; each call notes the tick it was made in. */
function fakeSource(options: { countIgnoresCursor?: boolean; count?: number | null } = {}) {
  const calls: { field: string; args?: Record<string, unknown>; tick: number }[] = [];
  let tick = 0;
  const nextTick = () => {
    queueMicrotask(() => {
      tick += 1;
    });
  };
  const page = (count: number | null): LegacyImageConnection => ({
    count,
    pageInfo: { hasNextPage: false, hasPreviousPage: false },
    edges: [{ node: row }],
  });
  const port: Partial<LegacyImagePort> = {
    async imagePage(args, selection) {
      calls.push({ field: selection === '{ count }' ? 'image_nodes count' : 'image_nodes', args, tick });
      nextTick();
      // Before 26.1 a cursor page counts only the rows after the cursor.
      const afterCursor = args.after && !options.countIgnoresCursor;
      return page(options.count === undefined ? (afterCursor ? 1 : 42) : options.count);
    },
    async callerRole() {
      calls.push({ field: 'user', tick });
      nextTick();
      return 'user';
    },
  };
  const source: ListingSource = {
    port: port as LegacyImagePort,
    limits: { defaultPageSize: 10, maxPageSize: 100 },
    budget: { maxRows: 100, setting: 'MAX_GATEWAY_SCAN_ROWS' },
    pageCap: new ManagerPageCap(),
    traits: { language: CURRENT_FILTER_LANGUAGE, countIgnoresCursor: options.countIgnoresCursor ?? true },
    role: () => (port.callerRole as () => Promise<string>)(),
    registryIdOf: async () => null,
  };
  return { source, calls };
}

describe('a plain user listing', () => {
  it('asks its role and its page in the same tick: one upstream request', async () => {
    const { source, calls } = fakeSource();
    const connection = await resolveImageList({ args: { first: 5 }, statuses: ['ALIVE'] }, source);
    expect(connection.count).toBe(42);
    expect(calls.map((call) => [call.field, call.tick])).toEqual([
      ['user', 0],
      ['image_nodes', 0],
    ]);
    expect(calls[1]?.args).toMatchObject({ scope_id: 'system', filter_by_statuses: ['ALIVE'], first: 5 });
  });

  it('asks the total of a cursor page apart, in the same tick, where the release counts past the cursor', async () => {
    const { source, calls } = fakeSource({ countIgnoresCursor: false });
    const args = { first: 5, after: encodeCursor(ID) };
    const connection = await resolveImageList({ args, statuses: ['ALIVE'] }, source);
    expect(connection.count).toBe(42);
    expect(calls.map((call) => [call.field, call.tick])).toEqual([
      ['user', 0],
      ['image_nodes', 0],
      ['image_nodes count', 0],
    ]);
  });

  it('lists nothing, and asks no page, when the filter leaves no status', async () => {
    const { source, calls } = fakeSource();
    const filter = { status: { equals: 'ALIVE' as const, notEquals: 'ALIVE' as const } };
    const connection = await resolveImageList({ args: { filter }, statuses: ['ALIVE', 'DELETED'] }, source);
    expect(connection).toMatchObject({ count: 0, edges: [] });
    expect(calls.map((call) => call.field)).toEqual(['user']);
  });

  it('reads the whole match, bounded, when the manager gives no count, and counts it itself', async () => {
    const { source, calls } = fakeSource({ count: null });
    const connection = await resolveImageList({ args: { limit: 5 }, statuses: ['ALIVE'] }, source);
    expect(connection.count).toBe(1);
    expect(calls.map((call) => call.field)).toEqual(['user', 'image_nodes', 'image_nodes']);
    expect(calls[2]?.args).toMatchObject({ offset: 0, first: 101 });
  });
});
