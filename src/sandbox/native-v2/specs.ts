/**
 * What the image and alias lists page by, per release (the manager's `PaginationSpec`s and orders):
 * - images: by id on 26.2 (`id > cursor`); from 26.4 by `created_at DESC` forward and ASC backward,
 *   with the cursor condition `created_at < (the cursor row's created_at)`, so rows tied with the cursor
 *   row are skipped and a cursor naming no row gives nothing; the default offset order is the forward one;
 * - aliases: by id on 26.2, by alias from 26.4;
 * - the id ascending breaks every remaining tie.
 * A cursor id that is no uuid fails when the page is read on 26.2 (the database binds it), when the
 * cursor condition is built on 26.4 (`uuid.UUID`'s ValueError), as `InvalidCursor` on 26.8.
 */
import type { SandboxImage } from '../data/types.ts';
import { PythonError, pythonUuid } from '../python-compat.ts';
import { databaseError, invalidCursor, pythonException } from './errors.ts';
import { type Condition, lastUsedTime } from './filters.ts';
import type { Cursor, PageOrders, PagePlan, SortKey } from './paging.ts';
import type { NativeTraits } from './releases.ts';
import type { AliasRow } from './values.ts';

export interface OrderByInput {
  field: string;
  direction: 'ASC' | 'DESC';
}

const key = <Row>(value: SortKey<Row>['value'], descending = false): SortKey<Row> => ({ value, descending });

const createdTime = (image: SandboxImage) => (image.createdAt ? Date.parse(image.createdAt) : null);

const IMAGE_COLUMNS: Record<string, (image: SandboxImage) => string | number | null> = {
  NAME: (image) => image.name,
  CREATED_AT: createdTime,
  LAST_USED: lastUsedTime,
};

export function imageOrderBy(orderBy: readonly OrderByInput[] | null): SortKey<SandboxImage>[] {
  return (orderBy ?? []).map(({ field, direction }) =>
    key(IMAGE_COLUMNS[field] as SortKey<SandboxImage>['value'], direction === 'DESC'),
  );
}

export function aliasOrderBy(orderBy: readonly OrderByInput[] | null): SortKey<AliasRow>[] {
  return (orderBy ?? []).map(({ direction }) => key((row: AliasRow) => row.alias, direction === 'DESC'));
}

export function imageOrders(traits: NativeTraits): PageOrders<SandboxImage> {
  const id = (image: SandboxImage) => image.id;
  return traits.cursorKey === 'id'
    ? { forward: key(id), backward: key(id, true), tiebreaker: key(id) }
    : { forward: key(createdTime, true), backward: key(createdTime), tiebreaker: key(id) };
}

export function aliasOrders(traits: NativeTraits): PageOrders<AliasRow> {
  const id = (row: AliasRow) => row.id;
  const alias = (row: AliasRow) => row.alias;
  return traits.aliasOrder === 'id'
    ? { forward: key(id), backward: key(id, true), tiebreaker: key(id) }
    : { forward: key(alias), backward: key(alias, true), tiebreaker: key(id) };
}

/** The cursor's id as a uuid, or the release's failure. */
function cursorUuid(cursor: Cursor, traits: NativeTraits): string | (() => never) {
  try {
    return pythonUuid(cursor.id);
  } catch (error) {
    if (!(error instanceof PythonError)) throw error;
    if (traits.badCursorId === 'invalid-cursor') throw invalidCursor(`Invalid cursor value: ${cursor.text}`);
    if (traits.badCursorId === 'value-error') throw pythonException(error.message);
    // 26.2 compares the raw text with the id column: the bind fails once the query runs.
    return () => {
      throw databaseError(`(builtins.ValueError) ${error.message}`);
    };
  }
}

interface CursorColumn<Row> {
  /** Paged by the id itself (26.2): the cursor needs no row. */
  byId: boolean;
  id: (row: Row) => string;
  /** The column the cursor row is looked up for (created_at, alias). */
  column: (row: Row) => string | number | null;
  find: (id: string) => Row | undefined;
  /** Forward pages keep values below the cursor row's (a DESC order) rather than above. */
  forwardBelow: boolean;
}

/** The manager's cursor condition factory for one list, in the plan's direction; null without a cursor. */
function cursorCondition<Row>(
  plan: PagePlan,
  traits: NativeTraits,
  list: CursorColumn<Row>,
): Condition<Row> | null {
  if (plan.mode === 'offset' || plan.cursor === null) return null;
  const id = cursorUuid(plan.cursor, traits);
  if (typeof id === 'function') return id;
  const forward = plan.mode === 'forward';
  if (list.byId) return forward ? (row) => list.id(row) > id : (row) => list.id(row) < id;
  const cursorRow = list.find(id);
  const bound = cursorRow === undefined ? null : list.column(cursorRow);
  // The subquery finds no row (or a NULL): comparing with NULL keeps nothing.
  if (bound === null) return () => false;
  const below = forward === list.forwardBelow;
  return (row) => {
    const value = list.column(row);
    return value !== null && (below ? value < bound : value > bound);
  };
}

export function imageCursorCondition(
  plan: PagePlan,
  traits: NativeTraits,
  find: (id: string) => SandboxImage | undefined,
): Condition<SandboxImage> | null {
  return cursorCondition(plan, traits, {
    byId: traits.cursorKey === 'id',
    id: (image) => image.id,
    column: createdTime,
    find,
    forwardBelow: true,
  });
}

export function aliasCursorCondition(
  plan: PagePlan,
  traits: NativeTraits,
  find: (id: string) => AliasRow | undefined,
): Condition<AliasRow> | null {
  return cursorCondition(plan, traits, {
    byId: traits.aliasOrder === 'id',
    id: (row) => row.id,
    column: (row) => row.alias,
    find,
    forwardBelow: false,
  });
}
