/**
 * Paging rows the gateway holds whole: it filters them with what the manager could not apply, orders them
 * where the manager could not, and cuts the page, with the same cursors and pageInfo as a manager page.
 */
import {
  type Condition,
  compareHeldRows,
  evaluate,
  type FilterSubject,
  isAlways,
  type OrderByInput,
  ordersByName,
} from '../filters/index.ts';
import { canonicalName, type LegacyImageRow } from '../image/index.ts';
import { buildConnection, encodeCursor, type PagePlan, slicePage } from '../relay/index.ts';
import { imageV2FromLegacy, rowIdOf } from './image-v2.ts';
import { registryKey } from './registry-directory.ts';

export type RegistryIdOf = (row: Pick<LegacyImageRow, 'registry' | 'project'>) => Promise<string | null>;

/** What filtering and ordering read of a row: the whole-table read asks for these fields only. */
export type RowKey = Pick<
  LegacyImageRow,
  'row_id' | 'registry' | 'project' | 'namespace' | 'tag' | 'architecture' | 'status' | 'aliases'
>;

function mentionsRegistry(condition: Condition): boolean {
  switch (condition.kind) {
    case 'uuid':
      return condition.field === 'registryId';
    case 'and':
    case 'or':
      return condition.items.some(mentionsRegistry);
    case 'not':
      return mentionsRegistry(condition.item);
    default:
      return false;
  }
}

/** A row's status as filters read it: the legacy API's rows are ALIVE or DELETED; anything else counts as live. */
export function rowStatus(row: Pick<RowKey, 'status'>): 'ALIVE' | 'DELETED' {
  return row.status === 'DELETED' ? 'DELETED' : 'ALIVE';
}

function subjectOf(row: RowKey, registryId: string | null): FilterSubject {
  return {
    id: row.row_id,
    name: canonicalName(row),
    architecture: row.architecture,
    registryId,
    status: rowStatus(row),
    aliases: (row.aliases ?? []).filter((alias): alias is string => !!alias),
    // Legacy managers do not know the last use.
    lastUsed: null,
  };
}

/** The registry id of each registry and project the rows name: one lookup per pair, not per row. */
async function registryIdsOf(
  rows: RowKey[],
  registryIdOf: RegistryIdOf,
): Promise<Map<string, string | null>> {
  const pairs = new Map<string, RowKey>();
  for (const row of rows) pairs.set(registryKey(row.registry, row.project), row);
  const ids = await Promise.all([...pairs.values()].map((row) => registryIdOf(row)));
  return new Map([...pairs.keys()].map((key, index) => [key, ids[index] ?? null]));
}

/**
 * The rows that satisfy `condition`, in their order. Every row when there is nothing to apply; registry ids
 * are looked up only when the condition needs them.
 */
export async function filterRows<Row extends RowKey>(
  rows: Row[],
  condition: Condition,
  registryIdOf: RegistryIdOf,
): Promise<Row[]> {
  if (isAlways(condition)) return rows;
  const registryIds = mentionsRegistry(condition) ? await registryIdsOf(rows, registryIdOf) : null;
  return rows.filter((row) =>
    evaluate(condition, subjectOf(row, registryIds?.get(registryKey(row.registry, row.project)) ?? null)),
  );
}

/**
 * Rows in the order of `orderBy`, ranked by the manager's listing where the order needs it. Only an order
 * by name reads more of a row than its id: `nameOf` may be null for rows read without their name fields
 * when the order has no name (see `ordersByName`).
 */
export function orderRows<Row extends Pick<RowKey, 'row_id'>>(
  rows: Row[],
  orderBy: OrderByInput[] | null | undefined,
  rank: ReadonlyMap<string, number> | null,
  nameOf: ((row: Row) => string) | null,
): Row[] {
  const compare = compareHeldRows(orderBy, (id) => rank?.get(id));
  const byName = ordersByName(orderBy);
  if (byName && !nameOf) throw new Error("an order by name needs the rows' names");
  return rows
    .map((row) => ({ row, held: { id: row.row_id, name: byName && nameOf ? nameOf(row) : '' } }))
    .sort((a, b) => compare(a.held, b.held))
    .map(({ row }) => row);
}

/** One page of rows already filtered and in order. */
export function pageOfRows(plan: PagePlan, rows: LegacyImageRow[]) {
  const page = slicePage(rows, plan, (row) => row.row_id);
  return connectionOf(plan, page.nodes, rows.length, page.hasMore);
}

/** The connection of one page of whole rows, `count` matching over all pages. */
export function connectionOf(plan: PagePlan, rows: LegacyImageRow[], count: number, hasMore: boolean) {
  return buildConnection({
    plan,
    nodes: rows.map((row) => imageV2FromLegacy(row)),
    count,
    hasMore,
    cursorOf: (image) => encodeCursor(rowIdOf(image)),
  });
}
