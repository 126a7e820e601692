/**
 * The filters the gateway prints (src/minilang's printer, and the pushdown of ImageV2 filters built on it)
 * read by the sandbox's own parser, which is pinned to the manager's grammar and vectors elsewhere. Each
 * case states what the filter is meant to select, as a plain predicate over rows whose names carry what a
 * printer can get wrong (quotes, backslashes, LIKE wildcards, non-ASCII text); the sandbox must select
 * exactly those rows. A printer fault (an unescaped quote, a lost parenthesis) fails here even when the
 * printer's own tests were changed along with it.
 */
import { describe, expect, it } from 'vitest';
import {
  compileFilter as compileImageV2Filter,
  type ImageV2FilterInput,
  planPushdown,
} from '../../src/filters/index.ts';
import { allOf, anyOf, compare, type FilterExpr, not, printFilter } from '../../src/minilang/index.ts';
import type { Column, FieldSpec } from '../../src/sandbox/query-language/field-spec.ts';
import { compileFilter } from '../../src/sandbox/query-language/filter.ts';

interface Row {
  id: string;
  name: string;
  architecture: string;
  status: 'ALIVE' | 'DELETED';
  registryId: string;
}

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const REGISTRY_A = '11111111-1111-4111-8111-111111111111';
const REGISTRY_B = '22222222-2222-4222-8222-222222222222';

const NAMES = [
  'cr.backend.ai/stable/python:3.11',
  'cr.backend.ai/stable/Py"Torch:2.1',
  'registry.example.com/say "hi"/x:1',
  'dir\\sub\\',
  'back\\slash\\\\twice',
  '50%_off',
  '50xyoff',
  'tester ♪',
  "test'er",
  'UPPER/Case',
];

const ROWS: Row[] = NAMES.flatMap((name, index) => [
  { id: id(2 * index), name, architecture: 'x86_64', status: 'ALIVE', registryId: REGISTRY_A },
  {
    id: id(2 * index + 1),
    name,
    architecture: 'aarch64',
    status: index % 3 === 0 ? 'DELETED' : 'ALIVE',
    registryId: REGISTRY_B,
  },
]);

const text = (get: (row: Row) => string): Column<Row> => ({ kind: 'text', get, pgType: 'varchar' });
const uuid = (get: (row: Row) => string): Column<Row> => ({ kind: 'uuid', get, pgType: 'uuid' });
/** The legacy field names the gateway's pushdown writes. */
const FIELDS: FieldSpec<Row> = {
  id: uuid((row) => row.id),
  name: text((row) => row.name),
  architecture: text((row) => row.architecture),
  registry_id: uuid((row) => row.registryId),
  status: { kind: 'status', get: (row) => row.status, pgType: 'varchar' },
};

function selectedBySandbox(filter: string): string[] {
  const compiled = compileFilter(filter, FIELDS);
  expect(compiled.executionError).toBeNull();
  return ROWS.filter(compiled.test).map((row) => row.id);
}

const selectedBy = (meant: (row: Row) => boolean) => ROWS.filter(meant).map((row) => row.id);

describe('printed syntax trees', () => {
  it.each<[string, FilterExpr, (row: Row) => boolean]>([
    [
      'a name with a double quote',
      compare('name', '==', 'cr.backend.ai/stable/Py"Torch:2.1'),
      (r) => r.name === 'cr.backend.ai/stable/Py"Torch:2.1',
    ],
    [
      'a name with two quoted words',
      compare('name', '==', 'registry.example.com/say "hi"/x:1'),
      (r) => r.name.includes('"hi"'),
    ],
    ['a name with single quotes', compare('name', '==', "test'er"), (r) => r.name === "test'er"],
    [
      'a name with an even run of backslashes at its end',
      compare('name', '==', 'back\\slash\\\\twice'),
      (r) => r.name === 'back\\slash\\\\twice',
    ],
    ['non-ASCII text', compare('name', '==', 'tester ♪'), (r) => r.name === 'tester ♪'],
    [
      'a list with quotes',
      compare('name', 'in', ['50%_off', "test'er", 'UPPER/Case']),
      (r) => ['50%_off', "test'er", 'UPPER/Case'].includes(r.name),
    ],
    [
      'an OR of ANDs (the left operand needs parentheses)',
      anyOf([
        allOf([compare('architecture', '==', 'aarch64'), compare('status', '==', 'DELETED')]) as FilterExpr,
        compare('name', '==', '50%_off'),
      ]) as FilterExpr,
      (r) => (r.architecture === 'aarch64' && r.status === 'DELETED') || r.name === '50%_off',
    ],
    [
      'an AND of ORs',
      allOf([
        anyOf([compare('name', '==', '50%_off'), compare('name', '==', '50xyoff')]) as FilterExpr,
        anyOf([compare('architecture', '==', 'aarch64'), compare('status', '==', 'DELETED')]) as FilterExpr,
      ]) as FilterExpr,
      (r) =>
        ['50%_off', '50xyoff'].includes(r.name) && (r.architecture === 'aarch64' || r.status === 'DELETED'),
    ],
    [
      'a NOT of an AND, then an AND (the NOT must not reach past its operand)',
      allOf([
        not(
          allOf([compare('architecture', '==', 'aarch64'), compare('status', '==', 'ALIVE')]) as FilterExpr,
        ),
        compare('name', 'like', '%python%'),
      ]) as FilterExpr,
      (r) => !(r.architecture === 'aarch64' && r.status === 'ALIVE') && r.name.includes('python'),
    ],
    [
      'a NOT as the right operand of an OR',
      anyOf([compare('name', '==', '50xyoff'), not(compare('architecture', '==', 'x86_64'))]) as FilterExpr,
      (r) => r.name === '50xyoff' || r.architecture !== 'x86_64',
    ],
  ])('selects what is meant: %s', (_, tree, meant) => {
    const printed = printFilter(tree);
    expect(selectedBySandbox(printed)).toEqual(selectedBy(meant));
    expect(selectedBy(meant).length).toBeGreaterThan(0);
  });
});

describe('ImageV2 filters pushed down by the gateway', () => {
  const lower = (value: string) => value.toLowerCase();
  it.each<[string, ImageV2FilterInput, (row: Row) => boolean]>([
    [
      'name equals, with a quote',
      { name: { equals: 'cr.backend.ai/stable/Py"Torch:2.1' } },
      (r) => r.name === 'cr.backend.ai/stable/Py"Torch:2.1',
    ],
    ['name contains a LIKE wildcard, literally', { name: { contains: '%_' } }, (r) => r.name.includes('%_')],
    [
      'name ends with a backslash, literally',
      { name: { endsWith: 'sub\\' } },
      (r) => r.name.endsWith('sub\\'),
    ],
    [
      'name starts with, case-insensitively',
      { name: { iStartsWith: 'CR.BACKEND.AI/STABLE/PY"' } },
      (r) => lower(r.name).startsWith('cr.backend.ai/stable/py"'),
    ],
    [
      'name in a list, case-insensitively',
      { name: { iIn: ['upper/case', '50%_OFF'] } },
      (r) => ['upper/case', '50%_off'].includes(lower(r.name)),
    ],
    ['name not contains a quote', { name: { notContains: '"' } }, (r) => !r.name.includes('"')],
    [
      'status in, and architecture',
      { status: { in: ['DELETED'] }, architecture: { equals: 'aarch64' } },
      (r) => r.status === 'DELETED' && r.architecture === 'aarch64',
    ],
    [
      'ids and registry ids',
      { id: { in: [id(3), id(4).toUpperCase()] }, registryId: { notEquals: REGISTRY_A } },
      (r) => [id(3), id(4)].includes(r.id) && r.registryId !== REGISTRY_A,
    ],
    [
      'OR of alternatives, and NOT',
      {
        OR: [
          { name: { equals: "test'er" } },
          { name: { contains: '♪' }, architecture: { equals: 'aarch64' } },
        ],
        NOT: [{ status: { equals: 'DELETED' } }],
      },
      (r) =>
        (r.name === "test'er" || (r.name.includes('♪') && r.architecture === 'aarch64')) &&
        r.status !== 'DELETED',
    ],
  ])('selects what is meant: %s', (_, input, meant) => {
    const plan = planPushdown(compileImageV2Filter(input));
    expect(plan.residual).toEqual({ kind: 'and', items: [] });
    // Top-level status conditions go down as `filter_by_statuses`, the rest as the filter text.
    const byFilter =
      plan.legacyFilter === null ? ROWS.map((row) => row.id) : selectedBySandbox(plan.legacyFilter);
    const selected = ROWS.filter((row) => byFilter.includes(row.id) && plan.statuses.includes(row.status));
    expect(selected.map((row) => row.id)).toEqual(selectedBy(meant));
    expect(selectedBy(meant).length).toBeGreaterThan(0);
  });
});
