import { describe, expect, it } from 'vitest';
import { isReadOnlyGraphQLBody, isReadOnlyRestCall } from '../../src/resilience/index.ts';

const body = (query: unknown) => JSON.stringify({ query, variables: {} });

describe('isReadOnlyGraphQLBody', () => {
  it.each<[string, unknown, boolean]>([
    ['an anonymous query', body('{ image_nodes { count } }'), true],
    ['a named query', body('query Page($n: Int) { image_nodes(first: $n) { count } }'), true],
    ['a query after blank lines', body('\n  query { a }'), true],
    ['a mutation', body('mutation { forget_image_by_id(image_id: "x") { ok } }'), false],
    ['a subscription', body('subscription { events }'), false],
    ['a query document that also holds a mutation', body('query A { a }\nmutation B { b }'), false],
    ['a query naming "mutation" anywhere (on the safe side)', body('{ a(s: "mutation") }'), false],
    ['a document starting with a comment (not recognised)', body('# note\n{ a }'), false],
    ['a persisted query without a document', JSON.stringify({ extensions: { persistedQuery: {} } }), false],
    ['a batch', JSON.stringify([{ query: '{ a }' }]), false],
    ['a body that is not JSON', '{ a }', false],
    ['no body', undefined, false],
  ])('%s: %s', (_name, text, expected) => {
    expect(isReadOnlyGraphQLBody(text)).toBe(expected);
  });
});

describe('isReadOnlyRestCall', () => {
  it.each<[string, string, boolean]>([
    ['GET', '/', true],
    ['get', '/admin/images/0b3f', true],
    ['HEAD', '/', true],
    ['POST', '/admin/images/search', true],
    ['POST', '/admin/images/search/', true],
    ['POST', '/admin/images', false],
    ['POST', '/admin/images/searches', false],
    ['PUT', '/admin/images/search', false],
    ['DELETE', '/admin/images/0b3f', false],
  ])('%s %s: %s', (method, path, expected) => {
    expect(isReadOnlyRestCall(method, path)).toBe(expected);
  });
});
