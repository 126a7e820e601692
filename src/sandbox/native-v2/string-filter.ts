/**
 * The native API's `StringFilter`, as `StringFilter.build_query_condition` (26.2) and
 * `BaseFilterAdapter.convert_string_filter` (26.3+) read it: only the FIRST operation that is set applies,
 * in the order equals, iEquals, notEquals, iNotEquals, then the contains, startsWith and endsWith families,
 * then (26.3+) in, notIn, iIn, iNotIn. 26.2 tests each value's truth, so an empty string is skipped; later
 * releases take it. The value goes into LIKE unescaped: `%` and `_` are wildcards, a backslash escapes.
 */

export interface StringOperation {
  kind: 'equals' | 'contains' | 'startsWith' | 'endsWith' | 'in';
  /** One value, or the list of `in`. */
  value: string | readonly string[];
  caseInsensitive: boolean;
  negated: boolean;
}

type Spec = [field: string, kind: StringOperation['kind'], caseInsensitive: boolean, negated: boolean];

const SCALAR_OPERATIONS: Spec[] = (['equals', 'contains', 'startsWith', 'endsWith'] as const).flatMap(
  (kind): Spec[] => {
    const capital = `${kind[0]?.toUpperCase()}${kind.slice(1)}`;
    return [
      [kind, kind, false, false],
      [`i${capital}`, kind, true, false],
      [`not${capital}`, kind, false, true],
      [`iNot${capital}`, kind, true, true],
    ];
  },
);

// The list operations come in a different order: in, notIn, iIn, iNotIn.
const LIST_OPERATIONS: Spec[] = [
  ['in', 'in', false, false],
  ['notIn', 'in', false, true],
  ['iIn', 'in', true, false],
  ['iNotIn', 'in', true, true],
];

export type StringFilterInput = Record<string, string | readonly string[] | null | undefined>;

/** The one operation the manager applies, or null when none is set. */
export function firstStringOperation(
  filter: StringFilterInput,
  options: { emptyStringIsNoOperation: boolean },
): StringOperation | null {
  for (const [field, kind, caseInsensitive, negated] of [...SCALAR_OPERATIONS, ...LIST_OPERATIONS]) {
    const value = filter[field];
    if (value === null || value === undefined) continue;
    if (options.emptyStringIsNoOperation && value === '') continue;
    return { kind, value, caseInsensitive, negated };
  }
  return null;
}

/** Raised where PostgreSQL refuses a LIKE pattern. */
export class LikePatternError extends Error {
  override name = 'LikePatternError';
}

/**
 * SQL LIKE (ILIKE when case-insensitive): `%` any run, `_` one character, a backslash escapes the next.
 * A pattern PostgreSQL refuses fails when a row is first compared, as the database fails the query.
 */
export function likeMatcher(pattern: string, caseInsensitive: boolean): (text: string) => boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i] as string;
    if (char === '\\') {
      i += 1;
      if (i >= pattern.length)
        return () => {
          throw new LikePatternError('LIKE pattern must not end with escape character');
        };
      source += escapeRegExp(pattern[i] as string);
    } else if (char === '%') source += '[\\s\\S]*';
    else if (char === '_') source += '[\\s\\S]';
    else source += escapeRegExp(char);
  }
  const regex = new RegExp(`^${source}$`, caseInsensitive ? 'iu' : 'u');
  return (text) => regex.test(text);
}

const escapeRegExp = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/**
 * The test a positive operation makes of a column value. Negation is left to the caller: the name and
 * architecture conditions negate the comparison, the alias condition negates the EXISTS around it.
 */
export function positiveMatcher(operation: StringOperation): (text: string) => boolean {
  const { kind, value, caseInsensitive } = operation;
  if (kind === 'in') {
    const values = (value as readonly string[]).map((v) => (caseInsensitive ? v.toLowerCase() : v));
    return (text) => values.includes(caseInsensitive ? text.toLowerCase() : text);
  }
  const single = value as string;
  if (kind === 'equals')
    return caseInsensitive
      ? (text) => text.toLowerCase() === single.toLowerCase()
      : (text) => text === single;
  const pattern = kind === 'contains' ? `%${single}%` : kind === 'startsWith' ? `${single}%` : `%${single}`;
  return likeMatcher(pattern, caseInsensitive);
}

/** The whole condition on one column value (name, architecture, alias), negation included. */
export function stringCondition(operation: StringOperation): (text: string) => boolean {
  const test = positiveMatcher(operation);
  return operation.negated ? (text) => !test(text) : test;
}
