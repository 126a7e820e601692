/**
 * The REST API's `StringFilter` (`equals`, `i_contains`, `not_starts_with`, ...) as 26.3.0's
 * `convert_string_filter` applies it: only the first operation set counts, as a LIKE pattern built from
 * the value as given.
 */

export const STRING_OPERATIONS = [
  'equals',
  'i_equals',
  'not_equals',
  'i_not_equals',
  'contains',
  'i_contains',
  'not_contains',
  'i_not_contains',
  'starts_with',
  'i_starts_with',
  'not_starts_with',
  'i_not_starts_with',
  'ends_with',
  'i_ends_with',
  'not_ends_with',
  'i_not_ends_with',
] as const;

export type StringFilter = Partial<Record<(typeof STRING_OPERATIONS)[number], string | null>>;

/** SQL LIKE with the value as given (its `%` and `_` stay wildcards, as the manager builds the pattern). */
function like(value: string, pattern: string, caseInsensitive: boolean): boolean {
  const source = pattern
    .split('')
    .map((char) => (char === '%' ? '.*' : char === '_' ? '.' : char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's').test(value);
}

/** `convert_string_filter`: the first operation set decides. */
export function stringFilterTest(filter: StringFilter | null): (value: string) => boolean {
  const operation = filter ? STRING_OPERATIONS.find((candidate) => filter[candidate] != null) : undefined;
  if (!filter || !operation) return () => true;
  const operand = filter[operation] as string;
  const insensitive = operation.startsWith('i_');
  const negated = operation.includes('not_');
  const kind = operation.replace(/^i_/, '').replace(/^not_/, '');
  const test = (value: string): boolean => {
    switch (kind) {
      case 'equals':
        return insensitive ? value.toLowerCase() === operand.toLowerCase() : value === operand;
      case 'contains':
        return like(value, `%${operand}%`, insensitive);
      case 'starts_with':
        return like(value, `${operand}%`, insensitive);
      default:
        return like(value, `%${operand}`, insensitive);
    }
  };
  return negated ? (value) => !test(value) : test;
}
