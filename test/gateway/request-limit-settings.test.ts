/**
 * Every request limit is a setting: tightened, loosened or turned off (0), the gateway does as told. One
 * gateway in front of the sandbox with all of them changed at once.
 */
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequestHeaders } from '../../src/auth/index.ts';
import { dataOf, postGraphQL } from '../support/client.ts';
import { managerToken } from '../support/rest.ts';
import { type Stack, startStack } from '../support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    env: {
      MAX_DEPTH: '4',
      MAX_TOKENS: '0',
      MAX_ALIASES: '0',
      MAX_ROOT_FIELDS: '0',
      MAX_DIRECTIVES: '0',
      MAX_REQUEST_BODY_BYTES: '0',
      MAX_BATCH_SIZE: '3',
      MAX_PAGE_SIZE: '5',
      INTROSPECTION: 'off',
      CSRF_PREVENTION: 'off',
    },
  });
});
afterAll(() => stack.close());

const ask = <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) =>
  postGraphQL<T>(stack.gateway.url, query, {
    keypair: stack.sandbox.credentials.superadmin,
    ...(variables ? { variables } : {}),
  });

interface Answer {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** A raw POST, signed as the superadmin (the manager, and so the gateway, serves signed callers only). */
async function post(body: string, contentType = 'application/json') {
  const url = `${stack.gateway.url}/admin/gql`;
  const signed = signRequestHeaders({
    ...stack.sandbox.credentials.superadmin,
    method: 'POST',
    url,
    contentType,
  });
  const response = await request(url, {
    method: 'POST',
    headers: { ...signed, 'content-type': contentType },
    body,
  });
  return { status: response.statusCode, body: (await response.body.json()) as Answer | Answer[] };
}

describe('MAX_DEPTH=4', () => {
  it('serves a query 4 deep and refuses one 5 deep before any upstream call', async () => {
    expect(dataOf(await ask('{ imagesV2(first: 1) { edges { node { id } } } }'))).toMatchObject({
      imagesV2: { edges: [{ node: { id: expect.any(String) } }] },
    });
    stack.sandbox.stats.reset();
    const refused = await ask('{ imagesV2(first: 1) { edges { node { identity { namespace } } } } }');
    expect(stack.sandbox.stats.requests).toBe(0);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      {
        message: 'The query exceeds a limit of the gateway. (Query depth limit of 4 exceeded, found 5.)',
        extensions: { code: 'api_check-limit_invalid-parameters' },
      },
    ]);
  });
});

describe('limits turned off with 0', () => {
  it('MAX_ALIASES=0 and MAX_ROOT_FIELDS=0 serve 40 aliased root fields', async () => {
    const query = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: imagesV2(first: 1) { count }`).join(' ')} }`;
    expect(Object.keys(dataOf(await ask(query)))).toHaveLength(40);
  });

  it('MAX_DIRECTIVES=0 serves 60 directives', async () => {
    const query = `{ imagesV2(first: 1) { ${'count @include(if: true) '.repeat(60)}} }`;
    expect(dataOf(await ask(query))).toMatchObject({ imagesV2: { count: expect.any(Number) } });
  });

  it('MAX_REQUEST_BODY_BYTES=0 serves a 2 MB body', async () => {
    const answer = await ask('{ __typename }', { padding: 'x'.repeat(2 * 1024 * 1024) });
    expect(dataOf(answer)).toEqual({ __typename: 'Query' });
  });

  // Without a token limit, nothing bounds the nesting the parser meets but the stack.
  it('MAX_TOKENS=0 still refuses a document nested 50 000 deep as past a limit, and keeps serving', async () => {
    const answer = await post(JSON.stringify({ query: `{${'a{'.repeat(50_000)}b${'}'.repeat(50_000)}}` }));
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      errors: [
        {
          message: 'The query exceeds a limit of the gateway. (the document is nested too deeply to parse)',
          extensions: { code: 'api_check-limit_invalid-parameters' },
        },
      ],
    });
    expect(dataOf(await ask('{ __typename }'))).toEqual({ __typename: 'Query' });
  });
});

describe('MAX_BATCH_SIZE=3', () => {
  const operation = { query: '{ __typename }' };

  it('serves a batch of 3 operations, each its own answer', async () => {
    const answer = await post(JSON.stringify([operation, operation, operation]));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([
      { data: { __typename: 'Query' } },
      { data: { __typename: 'Query' } },
      { data: { __typename: 'Query' } },
    ]);
  });

  it('refuses a batch of 4 with 413', async () => {
    const answer = await post(JSON.stringify([operation, operation, operation, operation]));
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({
      errors: [
        {
          message: 'Request body too large. (Batching is limited to 3 operations per request.)',
          extensions: { code: 'api_check-limit_bad-request' },
        },
      ],
    });
  });
});

describe('MAX_PAGE_SIZE=5', () => {
  it('refuses a page of 6 and serves one of 5; the default page shrinks to 5', async () => {
    const refused = await ask('{ imagesV2(first: 6) { count } }');
    expect(refused.body.errors?.[0]?.message).toBe(
      'Invalid GraphQL parameters. (first must be at most 5, got 6)',
    );
    const served = dataOf(
      await ask<{ imagesV2: { edges: unknown[] } }>('{ imagesV2(first: 5) { edges { node { id } } } }'),
    );
    expect(served.imagesV2.edges).toHaveLength(5);
    const byDefault = dataOf(
      await ask<{ imagesV2: { edges: unknown[] } }>('{ imagesV2 { edges { node { id } } } }'),
    );
    expect(byDefault.imagesV2.edges).toHaveLength(5);
  });
});

describe('INTROSPECTION=off', () => {
  it.each(['__schema', '__type'])("refuses %s with the manager's own message", async (field) => {
    const query =
      field === '__schema' ? '{ __schema { types { name } } }' : '{ __type(name: "Query") { name } }';
    stack.sandbox.stats.reset();
    const answer = await ask(query);
    expect(stack.sandbox.stats.requests).toBe(0);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      {
        message: `Cannot query '${field}': introspection is disabled.`,
        locations: [{ line: 1, column: 3 }],
        extensions: { code: 'api_access_forbidden' },
      },
    ]);
  });

  it('still answers __typename, and legacy and ImageV2 queries', async () => {
    const data = dataOf(
      await ask(
        '{ __typename imagesV2(first: 1) { count } image_nodes(scope_id: "system", first: 1) { count } }',
      ),
    );
    expect(data).toMatchObject({ __typename: 'Query', imagesV2: { count: expect.any(Number) } });
  });

  it('does not spell out the schema in "Did you mean" suggestions', async () => {
    const answer = await ask('{ imagesV { count } }');
    expect(answer.body.errors?.[0]?.message).toBe('Cannot query field "imagesV" on type "Query".');
  });

  it('does not serve GraphiQL', async () => {
    const response = await request(`${stack.gateway.url}/admin/gql`, { headers: { accept: 'text/html' } });
    expect(await response.body.text()).not.toMatch(/<html|graphiql/i);
  });
});

describe('CSRF_PREVENTION=off', () => {
  it('serves a form post', async () => {
    // A token, not an HMAC signature: the gateway asks the manager with a JSON POST, which a form post's
    // signature (over its own content type) does not cover.
    const token = await managerToken(stack.sandbox.credentials.superadmin, 'superadmin');
    const response = await request(`${stack.gateway.url}/admin/gql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-backendai-token': token },
      body: `query=${encodeURIComponent('{ __typename }')}`,
    });
    const answer = { status: response.statusCode, body: await response.body.json() };
    expect(answer).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
  });
});
