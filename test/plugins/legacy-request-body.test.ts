import { describe, expect, it } from 'vitest';
import useLegacyRequestBody, { withoutExtensions } from '../../src/gateway/plugins/legacy-request-body.ts';

type OnFetch = NonNullable<ReturnType<typeof useLegacyRequestBody>['onFetch']>;

/** Runs the plugin's onFetch on one upstream call and returns the body it would send. */
function bodySent(url: string, body: string): string {
  let sent = body;
  const onFetch = useLegacyRequestBody({ endpoint: 'http://manager:8081/admin/gql' }).onFetch as OnFetch;
  onFetch({
    url,
    options: { method: 'POST', body },
    setOptions: (options: { body?: unknown }) => {
      sent = String(options.body);
    },
  } as unknown as Parameters<OnFetch>[0]);
  return sent;
}

const WITH_EXTENSIONS = JSON.stringify({ query: '{ x }', variables: {}, extensions: { persistedQuery: {} } });

describe('legacy-request-body plugin', () => {
  // Managers up to 26.2 answer HTTP 400 "extensions is not allowed key".
  it("drops the extensions key on calls to the manager's GraphQL endpoint", () => {
    expect(JSON.parse(bodySent('http://manager:8081/admin/gql', WITH_EXTENSIONS))).toEqual({
      query: '{ x }',
      variables: {},
    });
  });

  it('leaves calls to other paths and hosts alone', () => {
    expect(bodySent('http://manager:8081/admin/images/search', WITH_EXTENSIONS)).toBe(WITH_EXTENSIONS);
    expect(bodySent('http://other:8081/admin/gql', WITH_EXTENSIONS)).toBe(WITH_EXTENSIONS);
  });

  it('keeps a body without extensions byte for byte', () => {
    const body = '{"query":"{ x }","variables":{"a":"\\"extensions\\""}}';
    expect(withoutExtensions('{"query":"{ x }"}')).toBe('{"query":"{ x }"}');
    expect(JSON.parse(withoutExtensions(body))).toEqual(JSON.parse(body));
  });

  it('refuses to start without an endpoint', () => {
    expect(() => useLegacyRequestBody({} as never)).toThrow(/endpoint/);
  });
});
