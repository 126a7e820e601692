import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { answeredWithoutManager } from '../../src/trust/answered-alone.ts';

describe('answeredWithoutManager', () => {
  it.each([
    ['{ __typename }', true],
    ['{ __schema { types { name } } }', true],
    ['query { ... on Query { __type(name: "ImageV2") { name } } }', true],
    ['query { ...F } fragment F on Query { __typename }', true],
    ['query { ...F } fragment F on Query { __typename image_nodes(scope_id: "system") { count } }', false],
    ['{ __typename imagesV2 { count } }', false],
    ['mutation { __typename }', false],
  ])('%s: %s', (text, expected) => {
    expect(answeredWithoutManager(parse(text))).toBe(expected);
  });

  it('looks at the named operation only', () => {
    const document = parse('query A { __typename } query B { imagesV2 { count } }');
    expect(answeredWithoutManager(document, 'A')).toBe(true);
    expect(answeredWithoutManager(document, 'B')).toBe(false);
  });
});
