import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, postGraphQL } from '../support/client.ts';
import { type Stack, startStack } from '../support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  // The circuit stays closed here, so each fault shows its own error (upstream-resilience.test.ts has the
  // circuit). Retries stay on: a slow manager costs three timed-out attempts.
  stack = await startStack({
    env: { UPSTREAM_TIMEOUT_MS: '500', UPSTREAM_RETRY_BACKOFF_MS: '50', CIRCUIT_FAILURE_THRESHOLD: '0' },
  });
});
afterAll(() => stack.close());

const V2 = '{ imagesV2(first: 3) { count edges { node { id } } } }';
const LEGACY = '{ image_nodes(scope_id: "system", first: 3) { count } }';
const ask = (query: string) =>
  postGraphQL(stack.gateway.url, query, { keypair: stack.sandbox.credentials.superadmin });

/** Nothing a client sees may hold a stack trace, the upstream request or its body. */
function expectNothingLeaked(body: unknown) {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(
    /\bat .*\.(ts|js):\d+|stack|originalError|requestBody|"request"|"response"|image_nodes\(/,
  );
}

/** Asks, and fails the test when the answer takes longer than a client could wait (a hang). */
async function askWithin5s(query: string) {
  const startedAt = performance.now();
  const response = await ask(query);
  expect(performance.now() - startedAt).toBeLessThan(5000);
  return response;
}

describe('when the manager fails, the gateway says so clearly within 5 s and keeps serving', () => {
  it.each([
    [
      'is down',
      { kind: 'down' as const },
      'The legacy manager is unreachable. (ECONNREFUSED)',
      'external-system_request_unreachable',
    ],
    [
      'answers 503',
      { kind: 'status' as const, status: 503 },
      'The legacy manager answered with an HTTP error. (HTTP 503)',
      'external-system_request_unavailable',
    ],
    [
      'answers 500',
      { kind: 'status' as const, status: 500 },
      'The legacy manager answered with an HTTP error. (HTTP 500)',
      'external-system_request_unavailable',
    ],
    [
      'does not answer in time',
      { kind: 'slow' as const, delayMs: 2000 },
      'The legacy manager did not answer in time.',
      'external-system_request_timeout',
    ],
    [
      'answers broken JSON',
      { kind: 'malformed-json' as const },
      'The legacy manager sent a response that is not GraphQL JSON.',
      'external-system_parsing_invalid-data-format',
    ],
  ])('the manager %s', async (_name, fault, message, code) => {
    await stack.sandbox.setFault(fault);
    try {
      for (const query of [V2, LEGACY]) {
        const response = await askWithin5s(query);
        expect(response.status).toBe(200);
        expect(response.body.errors).toHaveLength(1);
        expect(response.body.errors?.[0]).toMatchObject({ message, extensions: { code } });
        expectNothingLeaked(response.body);
      }
    } finally {
      await stack.sandbox.setFault(null);
    }
    expect(dataOf(await ask(V2))).toMatchObject({ imagesV2: { edges: expect.any(Array) } });
    expect((await fetch(`${stack.gateway.url}/healthcheck`)).status).toBe(200);
  });

  it('the manager refuses the caller (a wrong secret key): refused with 401 at once, then serves others', async () => {
    const wrong = { ...stack.sandbox.credentials.superadmin, secretKey: 'not-the-secret-key' };
    for (const query of [V2, LEGACY]) {
      const startedAt = performance.now();
      const response = await postGraphQL(stack.gateway.url, query, { keypair: wrong });
      expect(performance.now() - startedAt).toBeLessThan(5000);
      expect(response.status).toBe(401);
      expectNothingLeaked(response.body);
    }
    expect(dataOf(await ask(LEGACY))).toMatchObject({ image_nodes: { count: expect.any(Number) } });
  });
});

describe('a failure shared by fields merged into one upstream request', () => {
  // Regression: an imagesV2 failure beside image_nodes was reported twice, both under `image_nodes`.
  it('is reported once per failing root field, under that field', async () => {
    await stack.sandbox.setFault({ kind: 'status', status: 500 });
    try {
      const response = await ask('{ legacy: image_nodes(scope_id: "system") { count } imagesV2 { count } }');
      expect(response.body.errors?.map((error) => error.path)).toEqual([['legacy'], ['imagesV2']]);
      expect(response.body.errors?.every((error) => error.locations)).toBe(true);
      expectNothingLeaked(response.body);
    } finally {
      await stack.sandbox.setFault(null);
    }
  });
});
