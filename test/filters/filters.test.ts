import { describe, expect, it } from 'vitest';
import {
  ALWAYS,
  allOf,
  type Condition,
  compareHeldRows,
  compileFilter,
  evaluate,
  type FilterSubject,
  type HeldRow,
  type ImageV2FilterInput,
  isAlways,
  legacyOrderOf,
  likeLiteral,
  needsManagerRank,
  type OrderByInput,
  planPushdown,
} from '../../src/filters/index.ts';
import { parseFilter } from '../../src/minilang/index.ts';

const IMAGE: FilterSubject = {
  id: '00000000-0000-4000-8000-00000000000a',
  name: 'cr.backend.ai/stable/python:3.9-ubuntu20.04',
  architecture: 'x86_64',
  registryId: '00000000-0000-4000-8000-0000000000ff',
  status: 'ALIVE',
  aliases: ['python'],
  lastUsed: null,
};

const matches = (filter: ImageV2FilterInput, subject = IMAGE) => evaluate(compileFilter(filter), subject);

describe('filters in the gateway', () => {
  it.each<[string, ImageV2FilterInput, boolean]>([
    ['status equals', { status: { equals: 'ALIVE' } }, true],
    ['status notIn', { status: { notIn: ['ALIVE'] } }, false],
    ['status in', { status: { in: ['DELETED', 'ALIVE'] } }, true],
    ['name contains', { name: { contains: 'python' } }, true],
    ['name contains is case-sensitive', { name: { contains: 'PYTHON' } }, false],
    ['name iContains', { name: { iContains: 'PYTHON' } }, true],
    ['name startsWith', { name: { startsWith: 'cr.backend.ai/stable/' } }, true],
    ['name endsWith', { name: { endsWith: ':latest' } }, false],
    ['name notEquals', { name: { notEquals: IMAGE.name } }, false],
    ['name iNotContains', { name: { iNotContains: 'TORCH' } }, true],
    ['name in', { name: { in: [IMAGE.name] } }, true],
    ['name iIn', { name: { iIn: [IMAGE.name.toUpperCase()] } }, true],
    ['name iNotIn', { name: { iNotIn: [IMAGE.name.toUpperCase()] } }, false],
    [
      'every operation of a StringFilter applies',
      { name: { contains: 'python', endsWith: ':latest' } },
      false,
    ],
    ['architecture equals', { architecture: { equals: 'aarch64' } }, false],
    ['id in, case-insensitive UUIDs', { id: { in: [IMAGE.id.toUpperCase()] } }, true],
    ['id notEquals', { id: { notEquals: IMAGE.id } }, false],
    ['registryId equals', { registryId: { equals: IMAGE.registryId as string } }, true],
    ['alias', { alias: { alias: { equals: 'python' } } }, true],
    ['alias startsWith', { alias: { alias: { startsWith: 'torch' } } }, false],
    [
      'lastUsed after: never used matches no time condition',
      { lastUsed: { after: '2020-01-01T00:00:00Z' } },
      false,
    ],
    ['AND', { AND: [{ status: { equals: 'ALIVE' } }, { architecture: { equals: 'x86_64' } }] }, true],
    ['OR', { OR: [{ architecture: { equals: 'aarch64' } }, { name: { contains: 'python' } }] }, true],
    [
      'OR items are whole alternatives',
      { OR: [{ architecture: { equals: 'aarch64' }, name: { contains: 'python' } }] },
      false,
    ],
    ['NOT', { NOT: [{ architecture: { equals: 'x86_64' } }] }, false],
    ['nothing', {}, true],
  ])('%s', (_name, filter, expected) => {
    expect(matches(filter)).toBe(expected);
  });
});

describe('pushing filters down to the legacy language', () => {
  it.each<[string, ImageV2FilterInput, string]>([
    [
      'status inside an OR',
      { OR: [{ status: { equals: 'DELETED' } }, { architecture: { equals: 'aarch64' } }] },
      'status == "DELETED" | architecture == "aarch64"',
    ],
    [
      'name contains, with LIKE characters escaped',
      { name: { contains: '50%_off' } },
      'name like "%50\\%\\_off%"',
    ],
    ['iEquals', { name: { iEquals: 'A' } }, 'name ilike "A"'],
    ['equals', { architecture: { equals: 'aarch64' } }, 'architecture == "aarch64"'],
    ['notStartsWith', { name: { notStartsWith: 'cr.' } }, '!name like "cr.%"'],
    [
      'id and registry id',
      { id: { equals: IMAGE.id }, registryId: { in: [IMAGE.registryId as string] } },
      `(id in ["${IMAGE.id}"]) & (registry_id in ["${IMAGE.registryId}"])`,
    ],
    ['iIn', { name: { iIn: ['a', 'b'] } }, 'name ilike "a" | name ilike "b"'],
    [
      'OR and NOT',
      { OR: [{ architecture: { equals: 'x86_64' } }, { NOT: [{ status: { equals: 'DELETED' } }] }] },
      'architecture == "x86_64" | !status == "DELETED"',
    ],
  ])('%s', (_name, filter, expected) => {
    const plan = planPushdown(compileFilter(filter));
    expect(plan.legacyFilter).toBe(expected);
    expect(isAlways(plan.residual)).toBe(true);
    expect(() => parseFilter(plan.legacyFilter as string)).not.toThrow();
  });

  it('keeps what the legacy language cannot express in the gateway, and pushes the rest', () => {
    const plan = planPushdown(
      compileFilter({ architecture: { equals: 'x86_64' }, alias: { alias: { equals: 'python' } } }),
    );
    expect(plan.legacyFilter).toBe('architecture == "x86_64"');
    expect(plan.residual).toEqual({
      kind: 'string',
      field: 'alias',
      op: 'equals',
      value: 'python',
      caseInsensitive: false,
    });
  });

  it('keeps a whole OR in the gateway when one branch cannot go down', () => {
    const plan = planPushdown(
      compileFilter({
        OR: [{ architecture: { equals: 'x86_64' } }, { lastUsed: { after: '2024-01-01T00:00:00Z' } }],
      }),
    );
    expect(plan.legacyFilter).toBeNull();
    expect(plan.residual.kind).toBe('or');
  });

  it('has nothing to push or keep for no filter', () => {
    expect(planPushdown(compileFilter(null))).toEqual({
      statuses: ['ALIVE', 'DELETED'],
      legacyFilter: null,
      residual: ALWAYS,
    });
  });

  it.each<[string, ImageV2FilterInput, string[], string | null]>([
    ['status equals', { status: { equals: 'DELETED' } }, ['DELETED'], null],
    ['status in', { status: { in: ['ALIVE', 'DELETED'] } }, ['ALIVE', 'DELETED'], null],
    ['status notIn', { status: { notIn: ['DELETED'] } }, ['ALIVE'], null],
    ['status equals and notEquals', { status: { equals: 'ALIVE', notEquals: 'ALIVE' } }, [], null],
    [
      'status in an AND beside a name',
      { AND: [{ status: { equals: 'ALIVE' } }], name: { contains: 'py' } },
      ['ALIVE'],
      'name like "%py%"',
    ],
  ])('turns a top-level %s into filter_by_statuses', (_name, filter, statuses, legacyFilter) => {
    const plan = planPushdown(compileFilter(filter));
    expect(plan).toEqual({ statuses, legacyFilter, residual: ALWAYS });
  });

  // Regression: a filter ANDed with a root field's own condition nests one AND in another; its status
  // stayed in the gateway on 25.6, which made a plain user's page a whole read.
  it('takes statuses from nested top-level ANDs too', () => {
    const filter = compileFilter({ name: { contains: 'py' }, status: { in: ['ALIVE'] } });
    const registry: Condition = { kind: 'uuid', field: 'registryId', values: [IMAGE.registryId as string] };
    const plan = planPushdown(allOf([filter, registry]), { language: { status: false } });
    expect(plan).toEqual({
      statuses: ['ALIVE'],
      legacyFilter: `(name like "%py%") & (registry_id in ["${IMAGE.registryId}"])`,
      residual: ALWAYS,
    });
  });

  it('narrows the statuses a listing starts from (imagesV2 lists live images only)', () => {
    const plan = planPushdown(compileFilter({ status: { in: ['DELETED'] } }), { statuses: ['ALIVE'] });
    expect(plan.statuses).toEqual([]);
  });

  it('keeps a status condition the release cannot filter by in the gateway (25.6 to 25.10)', () => {
    const filter = compileFilter({
      OR: [{ status: { equals: 'DELETED' } }, { architecture: { equals: 'aarch64' } }],
      name: { contains: 'py' },
    });
    const old = planPushdown(filter, { language: { status: false } });
    expect(old.legacyFilter).toBe('name like "%py%"');
    expect(old.residual.kind).toBe('or');
    const current = planPushdown(filter, { language: { status: true } });
    expect(current.legacyFilter).toBe(
      '(name like "%py%") & (status == "DELETED" | architecture == "aarch64")',
    );
    expect(isAlways(current.residual)).toBe(true);
  });

  it('escapes LIKE wildcards and backslashes', () => {
    expect(likeLiteral('a%b_c\\d')).toBe('a\\%b\\_c\\\\d');
  });
});

describe('orders', () => {
  it.each([
    [null, { text: '-created_at', cursorSafe: true }],
    [[{ field: 'NAME' as const, direction: 'ASC' as const }], { text: 'name', cursorSafe: true }],
    [
      [{ field: 'CREATED_AT' as const, direction: 'DESC' as const }],
      { text: '-created_at', cursorSafe: true },
    ],
    // Written out: 25.6 ignores a cursor when no order is given.
    [[{ field: 'LAST_USED' as const, direction: 'DESC' as const }], { text: 'id', cursorSafe: true }],
    [
      [{ field: 'NAME' as const }, { field: 'CREATED_AT' as const, direction: 'DESC' as const }],
      { text: 'name,-created_at', cursorSafe: false },
    ],
  ])('%j -> %j', (orderBy, expected) => {
    expect(legacyOrderOf(orderBy)).toEqual(expected);
  });
});

describe('ordering rows the gateway holds whole', () => {
  const rows: HeldRow[] = [
    { id: 'a', name: 'cr/b' },
    { id: 'b', name: 'cr/a' },
    { id: 'c', name: 'cr/c' },
    { id: 'd', name: 'cr/a' },
    { id: 'e', name: 'cr/b' },
  ];
  // The manager's own listing holds c, a, d in this order; b and e are outside its scopes.
  const rank = new Map([
    ['c', 0],
    ['a', 1],
    ['d', 2],
  ]);
  const sorted = (orderBy: OrderByInput[] | null) =>
    [...rows].sort(compareHeldRows(orderBy, (id) => rank.get(id))).map((row) => row.id);

  it.each<[string, OrderByInput[] | null, string[]]>([
    ['newest first: the manager rank, then unranked rows by id', null, ['c', 'a', 'd', 'b', 'e']],
    [
      'oldest first likewise (the rank is read in that order)',
      [{ field: 'CREATED_AT' }],
      ['c', 'a', 'd', 'b', 'e'],
    ],
    ['by name, then id, without the rank', [{ field: 'NAME' }], ['b', 'd', 'a', 'e', 'c']],
    ['by name descending, then id', [{ field: 'NAME', direction: 'DESC' }], ['c', 'a', 'e', 'b', 'd']],
    ['last use orders nothing: the id', [{ field: 'LAST_USED' }], ['a', 'b', 'c', 'd', 'e']],
    [
      'by creation then name: unranked rows by name',
      [{ field: 'CREATED_AT', direction: 'DESC' }, { field: 'NAME' }],
      ['c', 'a', 'd', 'b', 'e'],
    ],
  ])('%s', (_name, orderBy, expected) => {
    expect(sorted(orderBy)).toEqual(expected);
  });

  it('asks for the manager rank only for orders by creation time', () => {
    expect(needsManagerRank(null)).toBe(true);
    expect(needsManagerRank([{ field: 'NAME' }, { field: 'CREATED_AT' }])).toBe(true);
    expect(needsManagerRank([{ field: 'NAME' }, { field: 'LAST_USED' }])).toBe(false);
  });
});
