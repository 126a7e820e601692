/**
 * The native filters as the manager turns them into SQL conditions (`ImageV2FilterGQL.build_conditions`
 * on 26.2, `ImageAdapter._convert_filter` from 26.4), here as predicates over rows. A filter becomes a
 * list of conditions that are ANDed; its quirks are kept:
 * - each `StringFilter` applies only its first operation (string-filter.ts);
 * - `AND` adds every condition of every item; `OR` takes every condition of every item into ONE OR (an
 *   item `{name, architecture}` is not an alternative of its own); `NOT` negates the AND of every
 *   condition of every item;
 * - the status operators (26.3+) are all ANDed; `lastUsed` reads `before` and `after` only;
 * - `alias` is "some alias of the image matches", a negated operation "no alias matches";
 * - `registryId` reads `equals`, else `in` (26.4.0), or a UUIDFilter's first operation (26.4.4+).
 * Every column here is NOT NULL, so two-valued logic is exact.
 */
import type { SandboxImage } from '../data/types.ts';
import type { NativeTraits } from './releases.ts';
import {
  firstStringOperation,
  positiveMatcher,
  type StringFilterInput,
  stringCondition,
} from './string-filter.ts';
import type { AliasRow } from './values.ts';

export type Condition<Row> = (row: Row) => boolean;

export interface UuidFilterInput {
  equals?: string | null;
  in?: string[] | null;
  notEquals?: string | null;
  notIn?: string[] | null;
}

export interface StatusOperatorsInput {
  equals?: string | null;
  in?: string[] | null;
  notEquals?: string | null;
  notIn?: string[] | null;
}

export interface ImageFilterInput {
  /** A list on 26.2, operators from 26.3. */
  status?: string[] | StatusOperatorsInput | null;
  name?: StringFilterInput | null;
  architecture?: StringFilterInput | null;
  id?: UuidFilterInput | null;
  registryId?: UuidFilterInput | null;
  alias?: { alias?: StringFilterInput | null } | null;
  /** Milliseconds since the epoch, as the DateTime scalar reads them. */
  lastUsed?: { before?: number | null; after?: number | null } | null;
  AND?: ImageFilterInput[] | null;
  OR?: ImageFilterInput[] | null;
  NOT?: ImageFilterInput[] | null;
}

export interface AliasFilterInput {
  alias?: StringFilterInput | null;
  imageId?: UuidFilterInput | null;
  AND?: AliasFilterInput[] | null;
  OR?: AliasFilterInput[] | null;
  NOT?: AliasFilterInput[] | null;
}

/** Every condition at once: the row passes when all pass. */
export const allOf =
  <Row>(conditions: readonly Condition<Row>[]): Condition<Row> =>
  (row) =>
    conditions.every((condition) => condition(row));

const anyOf =
  <Row>(conditions: readonly Condition<Row>[]): Condition<Row> =>
  (row) =>
    conditions.some((condition) => condition(row));

/**
 * AND, OR and NOT as the manager combines them: flattened, one OR and one NOT per filter. An empty list,
 * or items without conditions, add nothing (`if or_sub:`).
 */
function combine<Input, Row>(
  filter: { AND?: Input[] | null; OR?: Input[] | null; NOT?: Input[] | null },
  compile: (item: Input) => Condition<Row>[],
): Condition<Row>[] {
  const conditions: Condition<Row>[] = [];
  for (const item of filter.AND ?? []) conditions.push(...compile(item));
  const alternatives = (filter.OR ?? []).flatMap(compile);
  if (alternatives.length > 0) conditions.push(anyOf(alternatives));
  const negated = (filter.NOT ?? []).flatMap(compile);
  if (negated.length > 0) {
    const together = allOf(negated);
    conditions.push((row) => !together(row));
  }
  return conditions;
}

/** `convert_uuid_filter`: the first of equals, notEquals, in, notIn. */
export function uuidCondition(filter: UuidFilterInput): Condition<string> | null {
  if (filter.equals != null) return (id) => id === filter.equals;
  if (filter.notEquals != null) return (id) => id !== filter.notEquals;
  if (filter.in != null) return (id) => (filter.in as string[]).includes(id);
  if (filter.notIn != null) return (id) => !(filter.notIn as string[]).includes(id);
  return null;
}

/** 26.4.0's registry filter: `equals`, else `in` as an OR of equalities (an empty OR is no condition). */
function equalsOrInCondition(filter: UuidFilterInput): Condition<string> | null {
  if (filter.equals != null) return (id) => id === filter.equals;
  if (filter.in != null) return filter.in.length === 0 ? null : (id) => (filter.in as string[]).includes(id);
  return null;
}

function statusConditions(status: ImageFilterInput['status'], traits: NativeTraits) {
  const conditions: Condition<SandboxImage>[] = [];
  if (status == null) return conditions;
  if (traits.statusFilter === 'list') {
    const list = status as string[];
    if (list.length > 0) conditions.push((image) => list.includes(image.status));
    return conditions;
  }
  const { equals, in: inList, notEquals, notIn } = status as StatusOperatorsInput;
  if (equals != null) conditions.push((image) => image.status === equals);
  if (inList != null) conditions.push((image) => inList.includes(image.status));
  if (notEquals != null) conditions.push((image) => image.status !== notEquals);
  if (notIn != null) conditions.push((image) => !notIn.includes(image.status));
  return conditions;
}

/** `last_used_at`, a NOT NULL column from 26.4: the creation time for an image never used. */
export const lastUsedTime = (image: SandboxImage) => Date.parse(image.lastUsedAt ?? image.createdAt);

/** The conditions one image filter adds, for this release. */
export function imageConditions(filter: ImageFilterInput, traits: NativeTraits): Condition<SandboxImage>[] {
  const options = { emptyStringIsNoOperation: traits.emptyStringIsNoOperation };
  const conditions: Condition<SandboxImage>[] = [];
  if (traits.idFilter && filter.id) {
    const test = uuidCondition(filter.id);
    if (test) conditions.push((image) => test(image.id));
  }
  for (const column of ['name', 'architecture'] as const) {
    const operation = filter[column] ? firstStringOperation(filter[column], options) : null;
    if (operation) {
      const test = stringCondition(operation);
      conditions.push((image) => test(image[column]));
    }
  }
  conditions.push(...statusConditions(filter.status, traits));
  if (traits.registryIdFilter !== 'none' && filter.registryId) {
    const test =
      traits.registryIdFilter === 'equals-or-in'
        ? equalsOrInCondition(filter.registryId)
        : uuidCondition(filter.registryId);
    if (test) conditions.push((image) => test(image.registryId));
  }
  if (traits.aliasAndLastUsedFilters) {
    const operation = filter.alias?.alias ? firstStringOperation(filter.alias.alias, options) : null;
    if (operation) {
      // EXISTS (an alias matching the positive operation), negated outside for the negative ones.
      const test = positiveMatcher(operation);
      const exists = (image: SandboxImage) => image.aliases.some(test);
      conditions.push(operation.negated ? (image) => !exists(image) : exists);
    }
    const before = filter.lastUsed?.before;
    const after = filter.lastUsed?.after;
    if (before != null) conditions.push((image) => lastUsedTime(image) < before);
    if (after != null) conditions.push((image) => lastUsedTime(image) > after);
  }
  conditions.push(...combine(filter, (item) => imageConditions(item, traits)));
  return conditions;
}

/** The conditions one alias filter adds: `alias` on every release; `imageId` and AND/OR/NOT from 26.4. */
export function aliasConditions(filter: AliasFilterInput, traits: NativeTraits): Condition<AliasRow>[] {
  const conditions: Condition<AliasRow>[] = [];
  const operation = filter.alias
    ? firstStringOperation(filter.alias, { emptyStringIsNoOperation: traits.emptyStringIsNoOperation })
    : null;
  if (operation) {
    const test = stringCondition(operation);
    conditions.push((row) => test(row.alias));
  }
  if (!traits.aliasFilterComposite) return conditions;
  if (filter.imageId?.equals != null) {
    const id = filter.imageId.equals;
    conditions.push((row) => row.imageId === id);
  } else if (filter.imageId?.in != null) {
    const ids = filter.imageId.in;
    conditions.push((row) => ids.includes(row.imageId));
  }
  conditions.push(...combine(filter, (item) => aliasConditions(item, traits)));
  return conditions;
}
