import { describe, expect, it } from 'vitest';
import { compileFilter, type ImageV2FilterInput, namedIds } from '../../src/filters/index.ts';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';

const named = (filter: ImageV2FilterInput | null) => {
  const ids = namedIds(compileFilter(filter));
  return ids ? [...ids].sort() : null;
};

describe('namedIds', () => {
  it.each<[string, ImageV2FilterInput | null, string[] | null]>([
    ['no filter', null, null],
    ['id in, as the web UI picker resolves its selected values', { id: { in: [B, A] } }, [A, B]],
    ['id equals, in upper case', { id: { equals: A.toUpperCase() } }, [A]],
    ['id in, beside a name filter', { id: { in: [A, B] }, name: { contains: 'py' } }, [A, B]],
    ['two id conditions ANDed', { AND: [{ id: { in: [A, B] } }, { id: { in: [B, C] } }] }, [B]],
    ['id conditions that share nothing', { AND: [{ id: { equals: A } }, { id: { equals: B } }] }, []],
    [
      'an OR whose every branch names ids',
      { OR: [{ id: { equals: A } }, { id: { in: [B, C] } }] },
      [A, B, C],
    ],
    [
      'an OR with a branch that does not',
      { OR: [{ id: { equals: A } }, { name: { contains: 'py' } }] },
      null,
    ],
    ['ids not in a list', { id: { notIn: [A] } }, null],
    ['NOT of named ids', { NOT: [{ id: { in: [A] } }] }, null],
    ['a registry id, not an image id', { registryId: { equals: A } }, null],
  ])('%s', (_name, filter, expected) => {
    expect(named(filter)).toEqual(expected);
  });
});
