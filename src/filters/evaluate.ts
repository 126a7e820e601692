/**
 * Evaluating a condition tree in the gateway, for the parts of a filter the legacy filter language cannot
 * express (aliases, last use). String matching follows SQL: LIKE-style for contains/startsWith/endsWith,
 * case-insensitive variants by lower-casing both sides.
 */
import type { Condition, ImageStatus } from './conditions.ts';

export interface FilterSubject {
  id: string;
  /** The canonical name. */
  name: string;
  architecture: string;
  registryId: string | null;
  status: ImageStatus;
  aliases: string[];
  lastUsed: string | null;
}

function matchString(candidate: string, condition: Extract<Condition, { kind: 'string' }>): boolean {
  const fold = (text: string) => (condition.caseInsensitive ? text.toLowerCase() : text);
  const subject = fold(candidate);
  const values = Array.isArray(condition.value) ? condition.value.map(fold) : fold(condition.value);
  switch (condition.op) {
    case 'equals':
      return subject === values;
    case 'contains':
      return subject.includes(values as string);
    case 'startsWith':
      return subject.startsWith(values as string);
    case 'endsWith':
      return subject.endsWith(values as string);
    case 'in':
      return (values as string[]).includes(subject);
  }
}

export function evaluate(condition: Condition, subject: FilterSubject): boolean {
  switch (condition.kind) {
    case 'string':
      return condition.field === 'alias'
        ? subject.aliases.some((alias) => matchString(alias, condition))
        : matchString(subject[condition.field], condition);
    case 'uuid': {
      const value = condition.field === 'id' ? subject.id : subject.registryId;
      return value !== null && condition.values.includes(value.toLowerCase());
    }
    case 'status':
      return condition.values.includes(subject.status);
    case 'lastUsed': {
      // An image never used has no last use: it matches no time condition, as NULL in SQL.
      if (subject.lastUsed === null) return false;
      const [a, b] = [Date.parse(subject.lastUsed), Date.parse(condition.value)];
      return condition.op === 'before' ? a < b : condition.op === 'after' ? a > b : a === b;
    }
    case 'and':
      return condition.items.every((item) => evaluate(item, subject));
    case 'or':
      return condition.items.some((item) => evaluate(item, subject));
    case 'not':
      return !evaluate(condition.item, subject);
  }
}
