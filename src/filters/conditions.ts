/**
 * The ImageV2 filter input (`ImageV2Filter` of the released API) as a small condition tree, which can then
 * be pushed down to the legacy filter language or evaluated in the gateway.
 *
 * Where the native API has quirks, the tree follows the plain meaning: every operation given in one
 * StringFilter applies (the native adapter applies only the first), and each item of `OR` is one
 * alternative with all its conditions (the native adapter ORs the items' conditions one by one).
 */

export type ImageStatus = 'ALIVE' | 'DELETED';

export interface StringFilterInput {
  equals?: string | null;
  contains?: string | null;
  startsWith?: string | null;
  endsWith?: string | null;
  notEquals?: string | null;
  notContains?: string | null;
  notStartsWith?: string | null;
  notEndsWith?: string | null;
  iEquals?: string | null;
  iContains?: string | null;
  iStartsWith?: string | null;
  iEndsWith?: string | null;
  iNotEquals?: string | null;
  iNotContains?: string | null;
  iNotStartsWith?: string | null;
  iNotEndsWith?: string | null;
  in?: string[] | null;
  notIn?: string[] | null;
  iIn?: string[] | null;
  iNotIn?: string[] | null;
}

export interface UUIDFilterInput {
  equals?: string | null;
  in?: string[] | null;
  notEquals?: string | null;
  notIn?: string[] | null;
}

export interface DateTimeFilterInput {
  before?: string | null;
  after?: string | null;
  equals?: string | null;
  notEquals?: string | null;
}

export interface StatusFilterInput {
  equals?: ImageStatus | null;
  in?: ImageStatus[] | null;
  notEquals?: ImageStatus | null;
  notIn?: ImageStatus[] | null;
}

export interface ImageV2FilterInput {
  status?: StatusFilterInput | null;
  name?: StringFilterInput | null;
  architecture?: StringFilterInput | null;
  id?: UUIDFilterInput | null;
  registryId?: UUIDFilterInput | null;
  alias?: { alias?: StringFilterInput | null } | null;
  lastUsed?: DateTimeFilterInput | null;
  AND?: ImageV2FilterInput[] | null;
  OR?: ImageV2FilterInput[] | null;
  NOT?: ImageV2FilterInput[] | null;
}

export type StringField = 'name' | 'architecture' | 'alias';
export type StringOperation = 'equals' | 'contains' | 'startsWith' | 'endsWith' | 'in';

export type Condition =
  | {
      kind: 'string';
      field: StringField;
      op: StringOperation;
      value: string | string[];
      caseInsensitive: boolean;
    }
  | { kind: 'uuid'; field: 'id' | 'registryId'; values: string[] }
  | { kind: 'status'; values: ImageStatus[] }
  | { kind: 'lastUsed'; op: 'before' | 'after' | 'equals'; value: string }
  | { kind: 'and'; items: Condition[] }
  | { kind: 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition };

export const ALWAYS: Condition = { kind: 'and', items: [] };

const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

const not = (item: Condition): Condition => ({ kind: 'not', item });

export function allOf(items: Condition[]): Condition {
  return items.length === 1 ? (items[0] as Condition) : { kind: 'and', items };
}

const STRING_OPERATIONS: [keyof StringFilterInput, StringOperation, boolean, boolean][] = [
  ['equals', 'equals', false, false],
  ['contains', 'contains', false, false],
  ['startsWith', 'startsWith', false, false],
  ['endsWith', 'endsWith', false, false],
  ['notEquals', 'equals', false, true],
  ['notContains', 'contains', false, true],
  ['notStartsWith', 'startsWith', false, true],
  ['notEndsWith', 'endsWith', false, true],
  ['iEquals', 'equals', true, false],
  ['iContains', 'contains', true, false],
  ['iStartsWith', 'startsWith', true, false],
  ['iEndsWith', 'endsWith', true, false],
  ['iNotEquals', 'equals', true, true],
  ['iNotContains', 'contains', true, true],
  ['iNotStartsWith', 'startsWith', true, true],
  ['iNotEndsWith', 'endsWith', true, true],
  ['in', 'in', false, false],
  ['notIn', 'in', false, true],
  ['iIn', 'in', true, false],
  ['iNotIn', 'in', true, true],
];

export function stringConditions(field: StringField, filter: StringFilterInput): Condition[] {
  return STRING_OPERATIONS.flatMap(([key, op, caseInsensitive, negated]) => {
    const value = filter[key];
    if (!given(value)) return [];
    const condition: Condition = { kind: 'string', field, op, value, caseInsensitive };
    return [negated ? not(condition) : condition];
  });
}

function uuidConditions(field: 'id' | 'registryId', filter: UUIDFilterInput): Condition[] {
  const lower = (values: string[]) => values.map((value) => value.toLowerCase());
  const out: Condition[] = [];
  if (given(filter.equals)) out.push({ kind: 'uuid', field, values: lower([filter.equals]) });
  if (given(filter.in)) out.push({ kind: 'uuid', field, values: lower(filter.in) });
  if (given(filter.notEquals)) out.push(not({ kind: 'uuid', field, values: lower([filter.notEquals]) }));
  if (given(filter.notIn)) out.push(not({ kind: 'uuid', field, values: lower(filter.notIn) }));
  return out;
}

function statusConditions(filter: StatusFilterInput): Condition[] {
  const out: Condition[] = [];
  if (given(filter.equals)) out.push({ kind: 'status', values: [filter.equals] });
  if (given(filter.in)) out.push({ kind: 'status', values: filter.in });
  if (given(filter.notEquals)) out.push(not({ kind: 'status', values: [filter.notEquals] }));
  if (given(filter.notIn)) out.push(not({ kind: 'status', values: filter.notIn }));
  return out;
}

function lastUsedConditions(filter: DateTimeFilterInput): Condition[] {
  const out: Condition[] = [];
  if (given(filter.before)) out.push({ kind: 'lastUsed', op: 'before', value: filter.before });
  if (given(filter.after)) out.push({ kind: 'lastUsed', op: 'after', value: filter.after });
  if (given(filter.equals)) out.push({ kind: 'lastUsed', op: 'equals', value: filter.equals });
  if (given(filter.notEquals)) out.push(not({ kind: 'lastUsed', op: 'equals', value: filter.notEquals }));
  return out;
}

/** Every condition of the filter, to be ANDed. */
export function conditionsOf(filter: ImageV2FilterInput): Condition[] {
  const out: Condition[] = [];
  if (filter.status) out.push(...statusConditions(filter.status));
  if (filter.name) out.push(...stringConditions('name', filter.name));
  if (filter.architecture) out.push(...stringConditions('architecture', filter.architecture));
  if (filter.id) out.push(...uuidConditions('id', filter.id));
  if (filter.registryId) out.push(...uuidConditions('registryId', filter.registryId));
  if (filter.alias?.alias) out.push(...stringConditions('alias', filter.alias.alias));
  if (filter.lastUsed) out.push(...lastUsedConditions(filter.lastUsed));
  for (const sub of filter.AND ?? []) out.push(...conditionsOf(sub));
  if (filter.OR?.length) out.push({ kind: 'or', items: filter.OR.map((sub) => allOf(conditionsOf(sub))) });
  if (filter.NOT?.length) out.push(not(allOf(filter.NOT.flatMap(conditionsOf))));
  return out;
}

export function compileFilter(filter: ImageV2FilterInput | null | undefined): Condition {
  return filter ? allOf(conditionsOf(filter)) : ALWAYS;
}

export interface ImageV2AliasFilterInput {
  alias?: StringFilterInput | null;
  imageId?: UUIDFilterInput | null;
  AND?: ImageV2AliasFilterInput[] | null;
  OR?: ImageV2AliasFilterInput[] | null;
  NOT?: ImageV2AliasFilterInput[] | null;
}

/** An alias filter as conditions on an alias (`alias`) and its image (`id`). */
export function aliasConditionsOf(filter: ImageV2AliasFilterInput): Condition[] {
  const out: Condition[] = [];
  if (filter.alias) out.push(...stringConditions('alias', filter.alias));
  if (filter.imageId) out.push(...uuidConditions('id', filter.imageId));
  for (const sub of filter.AND ?? []) out.push(...aliasConditionsOf(sub));
  if (filter.OR?.length)
    out.push({ kind: 'or', items: filter.OR.map((sub) => allOf(aliasConditionsOf(sub))) });
  if (filter.NOT?.length) out.push(not(allOf(filter.NOT.flatMap(aliasConditionsOf))));
  return out;
}

export function compileAliasFilter(filter: ImageV2AliasFilterInput | null | undefined): Condition {
  return filter ? allOf(aliasConditionsOf(filter)) : ALWAYS;
}
