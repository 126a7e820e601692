/**
 * Reading a whole match from the manager, bounded. Filters the manager cannot apply, orders of several
 * fields and a superadmin's whole table make the gateway read every matching row; `maxRows`
 * (`MAX_GATEWAY_SCAN_ROWS`) caps how many, and past it the read stops with a clear error rather than a
 * silently shortened answer.
 *
 * One upstream call reads the whole match (`first: maxRows + 1`). A manager with a page cap
 * (`max-gql-connection-page-size`) refuses that with "Cannot fetch a page larger than N."; the gateway then
 * reads pages of N: the first tells the count, and the rest are asked in the same tick, which Mesh sends as
 * one HTTP request. The cap is the manager's configuration, the same for every caller, so it is remembered.
 * A manager that answers no `count` is read page after page until a short page.
 */
import { scanLimitExceeded } from '../errors/index.ts';

export interface UpstreamPage<T> {
  count: number | null;
  rows: T[];
}

/** One offset page: `offset` rows skipped, at most `size` rows. */
export type ReadPage<T> = (offset: number, size: number) => Promise<UpstreamPage<T>>;

export interface ScanBudget {
  maxRows: number;
  /** The setting that sets `maxRows`, named in the error. */
  setting: string;
}

/** The manager's page cap, as its refusal states it; null for any other error. */
export function pageCapOf(error: unknown): number | null {
  const message = error instanceof Error ? error.message : '';
  const match = /^Cannot fetch a page larger than (\d+)\./.exec(message);
  const cap = match ? Number(match[1]) : Number.NaN;
  return Number.isInteger(cap) && cap > 0 ? cap : null;
}

/** What the gateway learnt of the manager's page cap (null: none seen). */
export class ManagerPageCap {
  value: number | null = null;
}

async function readCounted<T>(
  first: UpstreamPage<T>,
  count: number,
  size: number,
  readPage: ReadPage<T>,
  budget: ScanBudget,
): Promise<T[]> {
  if (count > budget.maxRows) throw scanLimitExceeded(budget.setting, budget.maxRows, count);
  if (first.rows.length < size || first.rows.length >= count) return first.rows;
  const offsets: number[] = [];
  for (let offset = size; offset < count; offset += size) offsets.push(offset);
  // Asked in one tick: one upstream HTTP request.
  const pages = await Promise.all(offsets.map((offset) => readPage(offset, size)));
  const rows = [first.rows, ...pages.map((page) => page.rows)].flat();
  // Rows added since the count was taken.
  if (rows.length > budget.maxRows) throw scanLimitExceeded(budget.setting, budget.maxRows, rows.length);
  return rows;
}

async function readUncounted<T>(
  first: UpstreamPage<T>,
  size: number,
  readPage: ReadPage<T>,
  budget: ScanBudget,
): Promise<T[]> {
  const rows = [...first.rows];
  let last = first.rows.length;
  while (last >= size && rows.length <= budget.maxRows) {
    const page = await readPage(rows.length, size);
    rows.push(...page.rows);
    last = page.rows.length;
  }
  if (rows.length > budget.maxRows) throw scanLimitExceeded(budget.setting, budget.maxRows, null);
  return rows;
}

export async function readWholeMatch<T>(
  readPage: ReadPage<T>,
  budget: ScanBudget,
  cap: ManagerPageCap = new ManagerPageCap(),
): Promise<T[]> {
  const sizeFor = () => Math.min(cap.value ?? Number.POSITIVE_INFINITY, budget.maxRows + 1);
  let size = sizeFor();
  let first: UpstreamPage<T>;
  try {
    first = await readPage(0, size);
  } catch (error) {
    const learnt = pageCapOf(error);
    if (learnt === null || learnt >= size) throw error;
    cap.value = learnt;
    size = sizeFor();
    first = await readPage(0, size);
  }
  return first.count === null
    ? readUncounted(first, size, readPage, budget)
    : readCounted(first, first.count, size, readPage, budget);
}
