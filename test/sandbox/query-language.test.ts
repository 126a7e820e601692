/**
 * The sandbox's own filter and order languages, pinned by the manager's own test vectors: the tables,
 * expressions and expected rows of `tests/unit/manager/test_queryfilter.py` and
 * `tests/unit/manager/models/test_queryorder.py` (26.1.0), run through the sandbox's parser and evaluator
 * instead of PostgreSQL. Rows are named by the manager's own values; only the vectors the sandbox's column
 * kinds can express are taken (no JSON, array or transformed fields).
 */
import { describe, expect, it } from 'vitest';
import { forwardComparator } from '../../src/sandbox/pagination.ts';
import type { Column, FieldSpec } from '../../src/sandbox/query-language/field-spec.ts';
import { compileFilter } from '../../src/sandbox/query-language/filter.ts';
import { parseFilterTree } from '../../src/sandbox/query-language/filter-parser.ts';
import { compileOrder, sortKeyOf } from '../../src/sandbox/query-language/order.ts';

interface User {
  id: string;
  name: string;
  full_name: string;
  type: string;
  age: number;
  is_active: boolean;
  value: number | null;
}

/** `virtual_user_db`'s rows. */
const USERS: User[] = [
  { id: '1', name: 'tester', full_name: 'tester1', type: 'ADMIN', age: 30, is_active: true, value: 10.5 },
  { id: '2', name: 'test"er', full_name: 'tester2', type: 'USER', age: 40, is_active: true, value: null },
  { id: '3', name: "test'er", full_name: 'tester3', type: 'USER', age: 50, is_active: false, value: 2.33 },
  { id: '4', name: 'tester ♪', full_name: 'tester4', type: 'USER', age: 20, is_active: false, value: null },
];

const text = (get: (row: User) => string): Column<User> => ({ kind: 'text', get, pgType: 'varchar' });
const number = (get: (row: User) => number | null): Column<User> => ({
  kind: 'number',
  get,
  pgType: 'integer',
});

/** The table's own columns (the manager's parser without a field spec reads them by name). */
const USER_COLUMNS: FieldSpec<User> = {
  name: text((u) => u.name),
  full_name: text((u) => u.full_name),
  // An enum column bound by member name; as plain text it compares the same.
  type: text((u) => u.type),
  age: number((u) => u.age),
  is_active: { kind: 'bool', get: (u) => u.is_active, pgType: 'boolean' },
  value: number((u) => u.value),
};

const matching = (filter: string, fields: FieldSpec<User> = USER_COLUMNS) => {
  const compiled = compileFilter(filter, fields);
  expect(compiled.executionError).toBeNull();
  return USERS.filter(compiled.test).map((user) => user.name);
};

describe('filters: the manager vectors of test_queryfilter.py', () => {
  it.each<[string, string[]]>([
    ['full_name == "tester1"', ['tester']],
    [`name == "test'er"`, ["test'er"]],
    ['name == "test\\"er"', ['test"er']],
    ['(full_name == "tester1")', ['tester']],
    ['full_name in ["tester1", "tester3", "tester9"]', ['tester', "test'er"]],
    ['type in ["USER", "ADMIN"]', ['tester', 'test"er', "test'er", 'tester ♪']],
    ['full_name == "tester1" & age == 20', []],
    ['(full_name == "tester1") & (age == 20)', []],
    ['(full_name == "tester1") | (age == 20)', ['tester', 'tester ♪']],
    ['(name contains "test") & (age > 30) & (is_active is true)', ['test"er']],
    ['value isnot null', ['tester', "test'er"]],
    ['value is null', ['test"er', 'tester ♪']],
    ['value is null | value isnot null', ['tester', 'test"er', "test'er", 'tester ♪']],
    // NULL values are not matched.
    ['value < 9.4', ["test'er"]],
    // test_modification_queries deletes all four with this filter.
    ['full_name like "tester%"', ['tester', 'test"er', "test'er", 'tester ♪']],
  ])('%s selects %j', (filter, names) => {
    expect(matching(filter)).toEqual(names);
  });

  it('reads a field spec name for its column (n1 -> name)', () => {
    expect(matching('n1 == "tester"', { n1: USER_COLUMNS.name as Column<User> })).toEqual(['tester']);
  });

  it.each(['', '!!!', '123', '"abc"', 'name ='])('refuses the invalid syntax %j', (filter) => {
    expect(() => compileFilter(filter, USER_COLUMNS)).toThrow(/^Query filter parsing error: /);
  });

  it.each<[string, FieldSpec<User>]>([
    ['xyz == 123', USER_COLUMNS],
    ['full_name == "TESTER1"', { n1: USER_COLUMNS.name as Column<User> }],
  ])('refuses %j, a field the table or spec does not have', (filter, fields) => {
    expect(() => compileFilter(filter, fields)).toThrow(
      /^Query filter parsing error: Error trying to process rule "binary_expr":\n\n\('Unknown\/unsupported field name', '(xyz|full_name)'\)$/,
    );
  });
});

describe("filters: how the manager's LALR parser groups what is not parenthesised", () => {
  it.each<[string, string[]]>([
    // `&` and `|` group to the right: full_name == "tester1" & (age == 20 | age == 40).
    ['full_name == "tester1" & age == 20 | age == 40', []],
    // ...so the left operand must be parenthesised for the other reading.
    ['(full_name == "tester1" & age == 20) | age == 40', ['test"er']],
    // `!` takes everything after it: !(age == 20 & is_active == false).
    ['!age == 20 & is_active == false', ['tester', 'test"er', "test'er"]],
    ['(!age == 20) & is_active == false', ["test'er"]],
  ])('%s selects %j', (filter, names) => {
    expect(matching(filter)).toEqual(names);
  });
});

describe('filters: tokens as Lark lexes them in context', () => {
  it.each<[string, string[]]>([
    // An operator needs no space after it: `isnot` then `null`.
    ['value isnotnull', ['tester', "test'er"]],
    ['age>=40&age<=40', ['test"er']],
    // Whitespace is space, tab, form feed, CR and LF.
    ['age\t==\f40\r\n', ['test"er']],
    // DECIMAL and signed forms of SIGNED_NUMBER.
    ['value > 10. | value == .5e1 | age == +20', ['tester', 'tester ♪']],
    ['age > -1 & age < 21', ['tester ♪']],
  ])('%j selects %j', (filter, names) => {
    expect(matching(filter)).toEqual(names);
  });

  it('reads a word as a field name where a field name is expected', () => {
    const tree = parseFilterTree('in == null');
    expect(tree).toMatchObject({ rule: 'binary_expr', field: { text: 'in' }, op: { text: '==' } });
  });

  it.each<[string, string]>([
    ['age\u00a0== 20', 'Expected a token at column 4, found the character "\u00a0"'],
    [
      'age == 1e3',
      'Error trying to process rule "number":\n\ninvalid literal for int() with base 10: \'1e3\'',
    ],
    ['name == "a\nb"', 'Expected a token at column 9, found the character "\\""'],
    [
      'age == == 1',
      'Expected a value (a string, a number, null, true, false or a [list]) at column 8, found "=="',
    ],
    ['age == 1 )', 'Expected "&", "|" or the end of the expression at column 10, found ")"'],
  ])('refuses %j: %s', (filter, message) => {
    expect(() => compileFilter(filter, USER_COLUMNS)).toThrow(`Query filter parsing error: ${message}`);
  });
});

interface GridRow {
  id: string;
  data1: number;
  data2: number;
  data3: string;
}

/** `virtual_grid_db`'s rows. */
const GRID: GridRow[] = [
  { id: '1', data1: 10, data2: 0.2, data3: 'a' },
  { id: '2', data1: 10, data2: 0.1, data3: 'c' },
  { id: '3', data1: 20, data2: 0.0, data3: 'b' },
  { id: '4', data1: 20, data2: -0.1, data3: 'd' },
];

const gridColumn = (get: (row: GridRow) => number | string): Column<GridRow> => ({
  kind: typeof get(GRID[0] as GridRow) === 'number' ? 'number' : 'text',
  get,
  pgType: 'integer',
});
const GRID_COLUMNS: FieldSpec<GridRow> = {
  data1: gridColumn((row) => row.data1),
  data2: gridColumn((row) => row.data2),
  data3: gridColumn((row) => row.data3),
};

/** The ids in the order a text gives; the database's row order (the id) breaks ties. */
function ordered(order: string, fields: FieldSpec<GridRow> = GRID_COLUMNS): string[] {
  const items = compileOrder(order, fields);
  return [...GRID].sort(forwardComparator(items, sortKeyOf(fields))).map((row) => row.id);
}

describe('orders: the manager vectors of test_queryorder.py', () => {
  it.each<[string, string[]]>([
    ['+data1', ['1', '2', '3', '4']],
    ['-data1', ['3', '4', '1', '2']],
    ['-data1,+data2', ['4', '3', '2', '1']],
    ['-data1,+data3,-data2', ['3', '4', '1', '2']],
    ['', ['1', '2', '3', '4']],
    // Without a mark, ascending.
    ['data3,-data2,data1', ['1', '3', '2', '4']],
  ])('%j orders %j', (order, ids) => {
    expect(ordered(order)).toEqual(ids);
  });

  it('orders by a column map name (-v3 is data3 descending)', () => {
    expect(ordered('-v3', { v3: GRID_COLUMNS.data3 as Column<GridRow> })).toEqual(['4', '2', '3', '1']);
  });

  it.each<[string, FieldSpec<GridRow>, string]>([
    ['xxx', GRID_COLUMNS, 'xxx'],
    ['-data1,+data2', { v1: GRID_COLUMNS.data1 as Column<GridRow> }, 'data1'],
  ])('refuses %j, a column that is not there', (order, fields, field) => {
    expect(() => compileOrder(order, fields)).toThrow(
      `Query ordering parsing error: Error trying to process rule "col":\n\n('Unknown/unsupported field name', '${field}')`,
    );
  });

  it.each<[string, string]>([
    ['data1,', 'Expected a field name at column 7, found the end of the expression'],
    ['- data1 -data2', 'Expected "," or the end of the expression at column 9, found "-"'],
    ['data1;', 'Expected a token at column 6, found the character ";"'],
  ])('refuses the syntax %j', (order, message) => {
    expect(() => compileOrder(order, GRID_COLUMNS)).toThrow(`Query ordering parsing error: ${message}`);
  });
});
