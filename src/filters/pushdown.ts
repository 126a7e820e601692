/**
 * Pushing a condition tree down to the legacy manager, so it filters, counts and pages. A top-level AND is
 * split, each part going where it can:
 * - status conditions at the top level become `filter_by_statuses` (every release takes that argument);
 * - the rest goes to the `filter` language where the release's language can express it: 25.6 to 25.10
 *   have no `status` field, 25.11 added it;
 * - what no release can express (aliases, last use, strings it cannot quote) stays in the gateway.
 * An OR or NOT goes down only whole.
 */
import {
  compare,
  type FilterExpr,
  allOf as legacyAll,
  anyOf as legacyAny,
  not as legacyNot,
  printFilter,
} from '../minilang/index.ts';
import { ALWAYS, allOf, type Condition, type ImageStatus } from './conditions.ts';

/** What a release's `image_nodes` filter language can express beyond name, architecture, id, registry_id. */
export interface FilterLanguage {
  /** `status == "..."` (25.11+). */
  status: boolean;
}

export const CURRENT_FILTER_LANGUAGE: FilterLanguage = { status: true };

export function filterLanguageOf(capabilities: { filtersByStatus: boolean }): FilterLanguage {
  return { status: capabilities.filtersByStatus };
}

const LEGACY_FIELDS = {
  name: 'name',
  architecture: 'architecture',
  id: 'id',
  registryId: 'registry_id',
} as const;

/** A LIKE pattern matching `text` literally: `\`, `%` and `_` escaped with a backslash. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

class NotExpressible extends Error {}

function stringExpr(condition: Extract<Condition, { kind: 'string' }>): FilterExpr {
  if (condition.field === 'alias') throw new NotExpressible();
  const field = LEGACY_FIELDS[condition.field];
  const like = condition.caseInsensitive ? 'ilike' : 'like';
  const value = condition.value;
  switch (condition.op) {
    case 'equals':
      return condition.caseInsensitive
        ? compare(field, 'ilike', likeLiteral(value as string))
        : compare(field, '==', value as string);
    case 'contains':
      return compare(field, like, `%${likeLiteral(value as string)}%`);
    case 'startsWith':
      return compare(field, like, `${likeLiteral(value as string)}%`);
    case 'endsWith':
      return compare(field, like, `%${likeLiteral(value as string)}`);
    case 'in': {
      const values = value as string[];
      if (!condition.caseInsensitive) return compare(field, 'in', values);
      return (
        legacyAny(values.map((v) => compare(field, 'ilike', likeLiteral(v)))) ?? compare(field, 'in', [])
      );
    }
  }
}

function toExpr(condition: Condition, language: FilterLanguage): FilterExpr {
  switch (condition.kind) {
    case 'string':
      return stringExpr(condition);
    case 'uuid':
      return compare(LEGACY_FIELDS[condition.field], 'in', condition.values);
    case 'status':
      if (!language.status) throw new NotExpressible();
      // The manager reads an enum field's value one at a time; `status in [...]` would fail there.
      return (
        legacyAny(condition.values.map((status) => compare('status', '==', status))) ??
        compare('id', 'in', [])
      );
    case 'lastUsed':
      throw new NotExpressible();
    case 'and':
      return legacyAll(condition.items.map((item) => toExpr(item, language))) ?? compare('id', 'isnot', null);
    case 'or':
      return legacyAny(condition.items.map((item) => toExpr(item, language))) ?? compare('id', 'in', []);
    case 'not':
      return legacyNot(toExpr(condition.item, language));
  }
}

/** The legacy filter text for a condition, or null when some part cannot be expressed. */
export function legacyFilterOf(
  condition: Condition,
  language: FilterLanguage = CURRENT_FILTER_LANGUAGE,
): string | null {
  try {
    const text = printFilter(toExpr(condition, language));
    return text;
  } catch (error) {
    // NotExpressible, or a string the language cannot quote (see stringLiteral).
    if (error instanceof NotExpressible || (error as Error).message.includes('cannot express')) return null;
    throw error;
  }
}

export interface PushdownPlan {
  /** `filter_by_statuses`: the statuses the top-level status conditions leave (maybe none). */
  statuses: ImageStatus[];
  /** What the manager filters; null when nothing can go down. */
  legacyFilter: string | null;
  /** What the gateway must still check; ALWAYS when nothing is left. */
  residual: Condition;
}

export interface PushdownOptions {
  language?: FilterLanguage;
  /** The statuses listed when no condition narrows them. */
  statuses?: readonly ImageStatus[];
}

const EVERY_STATUS: readonly ImageStatus[] = ['ALIVE', 'DELETED'];

/** A top-level status condition, `status in S` or `!(status in S)`, as the statuses it keeps; else null. */
function statusesKept(part: Condition, from: ImageStatus[]): ImageStatus[] | null {
  if (part.kind === 'status') return from.filter((status) => part.values.includes(status));
  if (part.kind === 'not' && part.item.kind === 'status') {
    const dropped = part.item.values;
    return from.filter((status) => !dropped.includes(status));
  }
  return null;
}

/** The parts of a conjunction, nested ones flattened (a filter ANDed with a root field's own condition). */
function conjuncts(condition: Condition): Condition[] {
  return condition.kind === 'and' ? condition.items.flatMap(conjuncts) : [condition];
}

export function planPushdown(condition: Condition, options: PushdownOptions = {}): PushdownPlan {
  const language = options.language ?? CURRENT_FILTER_LANGUAGE;
  let statuses = [...(options.statuses ?? EVERY_STATUS)];
  const parts = conjuncts(condition);
  const pushed: string[] = [];
  const kept: Condition[] = [];
  for (const part of parts) {
    const narrowed = statusesKept(part, statuses);
    if (narrowed !== null) {
      statuses = narrowed;
      continue;
    }
    const text = legacyFilterOf(part, language);
    if (text === null) kept.push(part);
    else pushed.push(text);
  }
  const legacyFilter =
    pushed.length === 0
      ? null
      : pushed.length === 1
        ? (pushed[0] as string)
        : pushed.map((p) => `(${p})`).join(' & ');
  return { statuses, legacyFilter, residual: kept.length === 0 ? ALWAYS : allOf(kept) };
}

export function isAlways(condition: Condition): boolean {
  return condition.kind === 'and' && condition.items.length === 0;
}
