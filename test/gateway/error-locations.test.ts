import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fieldAtPath } from '../../src/gateway/error-locations.ts';

const DOCUMENT = parse(`
query First { a: image_nodes(scope_id: "system") { edges { node { tag } } } }
query Second {
  images { ...Parts }
  other: images { ... on Image { tag } }
}
fragment Parts on Image { digest labels { key } }
`);

const locationOf = (operation: string | null, path: (string | number)[]) => {
  const field = fieldAtPath(DOCUMENT, operation, path);
  return field?.loc
    ? { start: field.loc.startToken.line, column: field.loc.startToken.column, name: field.name.value }
    : null;
};

describe('fieldAtPath', () => {
  it.each([
    ['an aliased root field', 'First', ['a'], { start: 2, column: 15, name: 'image_nodes' }],
    [
      'a nested field under list indices',
      'First',
      ['a', 'edges', 3, 'node', 'tag'],
      { start: 2, column: 67, name: 'tag' },
    ],
    [
      'a field inside a fragment spread',
      'Second',
      ['images', 0, 'labels'],
      { start: 7, column: 34, name: 'labels' },
    ],
    [
      'a field inside an inline fragment',
      'Second',
      ['other', 1, 'tag'],
      { start: 5, column: 34, name: 'tag' },
    ],
    ['the first operation when none is named', null, ['a'], { start: 2, column: 15, name: 'image_nodes' }],
  ] as const)('finds %s', (_name, operation, path, expected) => {
    expect(locationOf(operation, [...path])).toEqual(expected);
  });

  it.each([
    ['an unknown key', 'First', ['b']],
    ['an unknown operation', 'Third', ['a']],
    ['a path below a leaf', 'First', ['a', 'edges', 'node', 'tag', 'more']],
  ])('gives null for %s', (_name, operation, path) => {
    expect(fieldAtPath(DOCUMENT, operation, path)).toBeNull();
  });
});
