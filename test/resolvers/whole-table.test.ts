import { describe, expect, it } from 'vitest';
import { ALWAYS, type Condition, compileFilter } from '../../src/filters/index.ts';
import type { LegacyImageRow } from '../../src/image/index.ts';
import { planPage } from '../../src/relay/index.ts';
import type { LegacyImageConnection, LegacyImagePort } from '../../src/resolvers/image-v2.ts';
import {
  IMAGE_ID_SELECTION,
  IMAGE_KEY_SELECTION,
  IMAGE_TABLE_SELECTION,
} from '../../src/resolvers/legacy-image-query.ts';
import { ManagerPageCap } from '../../src/resolvers/whole-match.ts';
import { listWholeTable } from '../../src/resolvers/whole-table.ts';

const row = (id: string, status = 'ALIVE'): LegacyImageRow => ({
  row_id: id,
  namespace: 'stable/python',
  project: 'stable',
  registry: 'cr.backend.ai',
  tag: `3.${id}`,
  architecture: 'x86_64',
  digest: null,
  labels: [],
  size_bytes: 1,
  status,
  resource_limits: [],
  supported_accelerators: [],
  aliases: [],
});

/**
 * A manager whose images table holds a..f; the caller's system scope holds c, a, e in that order (its
 * `-created_at` order); b and f lie outside every scope, f DELETED; `image(id)` loads live images only.
 */
function fakeManager() {
  const table = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) =>
    row(id, id === 'f' || id === 'd' ? 'DELETED' : 'ALIVE'),
  );
  const scope = ['c', 'a', 'e', 'd'];
  const calls: string[] = [];
  const connection = (rows: LegacyImageRow[], count: number): LegacyImageConnection => ({
    count,
    pageInfo: { hasNextPage: false, hasPreviousPage: false },
    edges: rows.map((node) => ({ node })),
  });
  const port: Partial<LegacyImagePort> = {
    async imagePage(args) {
      const filter = args.filter as string | undefined;
      const statuses = args.filter_by_statuses as string[];
      calls.push(filter ? `image_nodes(${filter})` : 'image_nodes');
      const ids = filter ? [...filter.matchAll(/"([a-z])"/g)].map((m) => m[1] as string) : null;
      const rows = scope
        .filter((id) => !ids || ids.includes(id))
        .map((id) => table.find((r) => r.row_id === id)!)
        .filter((r) => statuses.includes(r.status as string));
      return connection(rows, rows.length);
    },
    async imageTable<Row>(args: Record<string, unknown>, selection = IMAGE_TABLE_SELECTION) {
      const statuses = args.filter_by_statuses as string[];
      const read = {
        [IMAGE_ID_SELECTION]: 'ids',
        [IMAGE_KEY_SELECTION]: 'keys',
        [IMAGE_TABLE_SELECTION]: '',
      }[selection];
      calls.push(`images(${statuses.join(',')}${read ? `, ${read}` : ''})`);
      const rows = table.filter((r) => statuses.includes(r.status as string));
      // Only the ids where only the ids are asked for.
      return (read === 'ids' ? rows.map(({ row_id }) => ({ row_id })) : rows) as Row[];
    },
    async imageOutsideScopes(id) {
      calls.push(`image(${id})`);
      const found = table.find((r) => r.row_id === id);
      return found?.status === 'ALIVE' ? found : null;
    },
  };
  return { port: port as LegacyImagePort, calls };
}

const source = (port: LegacyImagePort, maxRows = 100) => ({
  port,
  budget: { maxRows, setting: 'MAX_GATEWAY_SCAN_ROWS' },
  pageCap: new ManagerPageCap(),
  registryIdOf: async () => null,
});

const idsOf = (connection: { edges: { node: { row: { row_id: string } } }[] }) =>
  connection.edges.map((edge) => edge.node.row.row_id);

describe("a superadmin's whole-table listing", () => {
  const query = {
    condition: ALWAYS,
    statuses: ['ALIVE', 'DELETED'] as ('ALIVE' | 'DELETED')[],
    orderBy: null,
  };
  const limits = { defaultPageSize: 10, maxPageSize: 100 };

  it('lists every row: the scope in the manager order, then the rest by id', async () => {
    const { port } = fakeManager();
    const page = await listWholeTable(planPage({ first: 10 }, limits), query, source(port));
    expect(idsOf(page)).toEqual(['c', 'a', 'e', 'd', 'b', 'f']);
    expect(page.count).toBe(6);
  });

  it("reads the order, then the table's keys, then the page's rows: by id from the scope, outside it by image(id), a deleted one from the deleted rows", async () => {
    const { port, calls } = fakeManager();
    const page = await listWholeTable(planPage({ limit: 3, offset: 3 }, limits), query, source(port));
    expect(idsOf(page)).toEqual(['d', 'b', 'f']);
    expect(calls).toEqual([
      'image_nodes',
      'images(ALIVE,DELETED, ids)',
      'image_nodes(id in ["d", "b", "f"])',
      'image(b)',
      'image(f)',
      'images(DELETED)',
    ]);
  });

  it('reads the fields filters and orders need only when the gateway filters or orders by name', async () => {
    const named = { ...query, condition: compileFilter({ name: { iContains: '3.b' } }) };
    const filtered = fakeManager();
    const page = await listWholeTable(planPage({ first: 10 }, limits), named, source(filtered.port));
    expect(idsOf(page)).toEqual(['b']);
    expect(filtered.calls).toContain('images(ALIVE,DELETED, keys)');

    const byName = { ...query, orderBy: [{ field: 'NAME' as const, direction: 'DESC' as const }] };
    const ordered = fakeManager();
    const descending = await listWholeTable(planPage({ first: 10 }, limits), byName, source(ordered.port));
    expect(idsOf(descending)).toEqual(['f', 'e', 'd', 'c', 'b', 'a']);
    expect(ordered.calls).toContain('images(ALIVE,DELETED, keys)');
  });

  describe('a filter that names its ids', () => {
    const named = (ids: string[]) => ({
      ...query,
      condition: { kind: 'uuid', field: 'id', values: ids } as const,
    });

    it('reads those images by id, not the table: the scope in the manager order, then the rest by id', async () => {
      const { port, calls } = fakeManager();
      const page = await listWholeTable(
        planPage({ first: 10 }, limits),
        named(['b', 'd', 'a', 'f', 'x']),
        source(port),
      );
      expect(idsOf(page)).toEqual(['a', 'd', 'b', 'f']);
      expect(page.count).toBe(4);
      expect(calls).toEqual([
        'image_nodes(id in ["b", "d", "a", "f", "x"])',
        'image(b)',
        'image(f)',
        'image(x)',
        'images(DELETED)',
      ]);
    });

    it('lists only the statuses asked for, scoped or not', async () => {
      const { port } = fakeManager();
      const alive = { ...named(['b', 'd', 'a', 'f']), statuses: ['ALIVE'] as ('ALIVE' | 'DELETED')[] };
      expect(idsOf(await listWholeTable(planPage({ first: 10 }, limits), alive, source(port)))).toEqual([
        'a',
        'b',
      ]);
    });

    it('answers as the whole-table read does, in every order', async () => {
      const ids = ['f', 'e', 'b', 'c'];
      // NOT NOT keeps the same rows but names no ids, so it takes the whole-table read.
      const unnamed = { kind: 'not', item: { kind: 'not', item: named(ids).condition } } as const;
      for (const orderBy of [null, [{ field: 'NAME' as const, direction: 'DESC' as const }]]) {
        for (const plan of [planPage({ first: 2 }, limits), planPage({ limit: 2, offset: 1 }, limits)]) {
          const byId = await listWholeTable(plan, { ...named(ids), orderBy }, source(fakeManager().port));
          const byTable = fakeManager();
          const viaTable = await listWholeTable(
            plan,
            { ...query, condition: unnamed, orderBy },
            source(byTable.port),
          );
          expect(byTable.calls).toContain('images(ALIVE,DELETED, keys)');
          expect([idsOf(byId), byId.count, byId.pageInfo]).toEqual([
            idsOf(viaTable),
            viaTable.count,
            viaTable.pageInfo,
          ]);
        }
      }
    });

    it('reads nothing for a filter whose ids contradict each other', async () => {
      const { port, calls } = fakeManager();
      const none = {
        ...query,
        condition: {
          kind: 'and',
          items: [named(['a']).condition, named(['b']).condition],
        } as Condition,
      };
      const page = await listWholeTable(planPage({ first: 10 }, limits), none, source(port));
      expect([idsOf(page), page.count, calls]).toEqual([[], 0, []]);
    });
  });

  it('refuses, before reading the table, a scope larger than the scan limit', async () => {
    const { port, calls } = fakeManager();
    await expect(listWholeTable(planPage({}, limits), query, source(port, 3))).rejects.toThrow(
      /MAX_GATEWAY_SCAN_ROWS is 3/,
    );
    expect(calls.some((call) => call.startsWith('images'))).toBe(false);
  });

  it('refuses a table larger than the scan limit, though its scope is not', async () => {
    const { port } = fakeManager();
    await expect(listWholeTable(planPage({}, limits), query, source(port, 5))).rejects.toThrow(
      /6 rows match, MAX_GATEWAY_SCAN_ROWS is 5/,
    );
  });
});
