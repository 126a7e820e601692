import { describe, expect, it } from 'vitest';
import {
  allOf,
  anyOf,
  compare,
  MinilangSyntaxError,
  not,
  parseFilter,
  parseOrder,
  printFilter,
  printOrder,
  stringLiteral,
} from '../../src/minilang/index.ts';

describe('parseFilter', () => {
  it('reads a comparison', () => {
    expect(parseFilter('name ilike "%py%"')).toEqual({
      kind: 'binary',
      field: 'name',
      op: 'ilike',
      value: { kind: 'string', value: '%py%' },
    });
  });

  it.each([
    [
      'id in ["a", "b"]',
      {
        kind: 'array',
        items: [
          { kind: 'string', value: 'a' },
          { kind: 'string', value: 'b' },
        ],
      },
    ],
    ['size_bytes >= -1.5e3', { kind: 'number', value: -1500, text: '-1.5e3' }],
    ['size_bytes >= +42', { kind: 'number', value: 42, text: '+42' }],
    ['is_local == true', { kind: 'atom', value: true }],
    ['digest is null', { kind: 'atom', value: null }],
    ['id in []', { kind: 'array', items: [] }],
    ['name == "say \\"hi\\""', { kind: 'string', value: 'say "hi"' }],
  ])('reads the value of %s', (source, value) => {
    expect(parseFilter(source)).toMatchObject({ kind: 'binary', value });
  });

  it('groups & and | to the right with equal precedence, as the manager does', () => {
    expect(printFilter(parseFilter('a == 1 & b == 2 | c == 3'))).toBe('a == 1 & (b == 2 | c == 3)');
    expect(printFilter(parseFilter('(a == 1 & b == 2) | c == 3'))).toBe('(a == 1 & b == 2) | c == 3');
  });

  it('negates everything after !', () => {
    expect(printFilter(parseFilter('!a == 1 & b == 2'))).toBe('!(a == 1 & b == 2)');
    expect(printFilter(parseFilter('!(a == 1) & b == 2'))).toBe('!(a == 1 & b == 2)');
    expect(printFilter(parseFilter('(!a == 1) & b == 2'))).toBe('(!a == 1) & b == 2');
  });

  it.each([
    [
      'name ==',
      'Expected a value (a string, a number, null, true, false or a [list]) at column 8, found the end of the expression',
      8,
    ],
    [
      'name "x"',
      'Expected an operator (== != > >= < <= contains in isnot is like ilike) at column 6, found "\\"x\\""',
      6,
    ],
    ['== "x"', 'Expected a field name, "!" or "(" at column 1, found "=="', 1],
    ['(name == "x"', 'Expected ")" at column 13, found the end of the expression', 13],
    [
      'name == "x" name == "y"',
      'Expected "&", "|" or the end of the expression at column 13, found "name"',
      13,
    ],
    ['name == "unterminated', 'Expected a token at column 9, found the character "\\""', 9],
    ['name ~ "x"', 'Expected a token at column 6, found the character "~"', 6],
  ])('refuses %j clearly', (source, message, column) => {
    try {
      parseFilter(source);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MinilangSyntaxError);
      expect((error as MinilangSyntaxError).message).toBe(message);
      expect((error as MinilangSyntaxError).column).toBe(column);
    }
  });
});

describe('printFilter', () => {
  it.each([
    'name ilike "%py%" & architecture == "x86_64"',
    'status in ["ALIVE", "DELETED"] | !(tag == "latest")',
    'created_at >= "2026-01-01T00:00:00Z" & (is_local == false | registry contains "cr")',
  ])('round-trips %s', (source) => {
    const tree = parseFilter(source);
    expect(parseFilter(printFilter(tree))).toEqual(tree);
  });

  it('builds filters that parse back to the same tree', () => {
    const tree = allOf([
      compare('name', 'like', 'cr.backend.ai/%'),
      not(anyOf([compare('tag', '==', 'a"b'), compare('id', 'in', ['x', 'y'])])!),
    ])!;
    expect(printFilter(tree)).toBe('name like "cr.backend.ai/%" & !(tag == "a\\"b" | id in ["x", "y"])');
    expect(parseFilter(printFilter(tree))).toEqual(tree);
  });

  it.each([
    ['a backslash at the end', 'ends with \\'],
    ['an odd run of backslashes before a quote', 'say \\"hi'],
    ['a line break', 'two\nlines'],
  ])('refuses strings the language cannot express: %s', (_, text) => {
    expect(() => stringLiteral(text)).toThrow(/cannot express/);
  });

  it.each([
    'plain',
    'with "quotes"',
    'a path\\to\\file',
    'an even run \\\\',
    'escaped wildcard \\% and \\_',
    'even run before a quote \\\\"x',
  ])('writes %j so that it reads back unchanged', (text) => {
    const tree = parseFilter(`name == ${stringLiteral(text)}`);
    expect(tree).toMatchObject({ value: { kind: 'string', value: text } });
  });

  it('writes numbers the manager reads back as the same int or float', () => {
    expect(printFilter(compare('size', '>', 1e21))).toBe('size > 1000000000000000000000');
    expect(printFilter(compare('share', '>=', 1e-7))).toBe('share >= 0.0000001');
    expect(printFilter(compare('share', '<', 0.5))).toBe('share < 0.5');
  });
});

describe('parseOrder', () => {
  it.each([
    [
      '-created_at,name',
      [
        { field: 'created_at', descending: true },
        { field: 'name', descending: false },
      ],
    ],
    ['+name', [{ field: 'name', descending: false }]],
    ['', []],
  ])('%j', (source, items) => {
    expect(parseOrder(source)).toEqual(items);
    expect(parseOrder(printOrder(items))).toEqual(items);
  });

  it.each(['-', 'name,', 'name desc'])('refuses %j', (source) => {
    expect(() => parseOrder(source)).toThrow(MinilangSyntaxError);
  });
});
