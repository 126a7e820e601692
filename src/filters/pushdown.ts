/**
 * Pushing a condition tree down to the legacy filter language, so the manager filters, counts and pages.
 * What it cannot express (aliases, last use, strings it cannot quote) stays in the gateway: a top-level
 * AND is split, each part going where it can; an OR or NOT goes down only whole.
 */
import {
  compare,
  type FilterExpr,
  allOf as legacyAll,
  anyOf as legacyAny,
  not as legacyNot,
  printFilter,
} from '../minilang/index.ts';
import { ALWAYS, allOf, type Condition } from './conditions.ts';

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

function toExpr(condition: Condition): FilterExpr {
  switch (condition.kind) {
    case 'string':
      return stringExpr(condition);
    case 'uuid':
      return compare(LEGACY_FIELDS[condition.field], 'in', condition.values);
    case 'status':
      // The manager reads an enum field's value one at a time; `status in [...]` would fail there.
      return (
        legacyAny(condition.values.map((status) => compare('status', '==', status))) ??
        compare('id', 'in', [])
      );
    case 'lastUsed':
      throw new NotExpressible();
    case 'and':
      return legacyAll(condition.items.map(toExpr)) ?? compare('id', 'isnot', null);
    case 'or':
      return legacyAny(condition.items.map(toExpr)) ?? compare('id', 'in', []);
    case 'not':
      return legacyNot(toExpr(condition.item));
  }
}

/** The legacy filter text for a condition, or null when some part cannot be expressed. */
export function legacyFilterOf(condition: Condition): string | null {
  try {
    const text = printFilter(toExpr(condition));
    return text;
  } catch (error) {
    // NotExpressible, or a string the language cannot quote (see stringLiteral).
    if (error instanceof NotExpressible || (error as Error).message.includes('cannot express')) return null;
    throw error;
  }
}

export interface PushdownPlan {
  /** What the manager filters; null when nothing can go down. */
  legacyFilter: string | null;
  /** What the gateway must still check; ALWAYS when nothing is left. */
  residual: Condition;
}

export function planPushdown(condition: Condition): PushdownPlan {
  const parts = condition.kind === 'and' ? condition.items : [condition];
  const pushed: string[] = [];
  const kept: Condition[] = [];
  for (const part of parts) {
    const text = legacyFilterOf(part);
    if (text === null) kept.push(part);
    else pushed.push(text);
  }
  const legacyFilter =
    pushed.length === 0
      ? null
      : pushed.length === 1
        ? (pushed[0] as string)
        : pushed.map((p) => `(${p})`).join(' & ');
  return { legacyFilter, residual: kept.length === 0 ? ALWAYS : allOf(kept) };
}

export function isAlways(condition: Condition): boolean {
  return condition.kind === 'and' && condition.items.length === 0;
}
