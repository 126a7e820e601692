/**
 * `GET /` of the gateway is the fronted manager's `GET /` (clients read the manager's versions there).
 * Regression: it was passed on with no timeout, so a manager that hung hung every such client with it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { UPSTREAM_TIMEOUT_MS: '300' } });
});
afterAll(() => stack.close());
afterEach(() => stack.sandbox.setFault(null));

async function getRoot() {
  const response = await fetch(`${stack.gateway.url}/`);
  const text = await response.text();
  expect(text).not.toContain(new URL(stack.sandbox.url).host);
  return { status: response.status, type: response.headers.get('content-type'), body: JSON.parse(text) };
}

describe('GET /', () => {
  it("answers the manager's own versions", async () => {
    const answer = await getRoot();
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ version: expect.stringMatching(/^v\d+\./), manager: '26.1.0' });
  });

  it("answers 504 in the manager's problem shape when the manager does not answer within UPSTREAM_TIMEOUT_MS", async () => {
    await stack.sandbox.setFault({ kind: 'slow', delayMs: 2_000 });
    const answer = await getRoot();
    expect(answer).toEqual({
      status: 504,
      type: 'application/problem+json',
      body: {
        title: 'The legacy manager did not answer in time.',
        error_code: 'external-system_request_timeout',
      },
    });
  });

  it("answers 502 when the manager is down, and the manager's answer again once it is back", async () => {
    await stack.sandbox.setFault({ kind: 'down' });
    expect(await getRoot()).toEqual({
      status: 502,
      type: 'application/problem+json',
      body: {
        title: 'The legacy manager is unreachable.',
        error_code: 'external-system_request_unreachable',
        msg: 'ECONNREFUSED',
      },
    });
    await stack.sandbox.setFault(null);
    expect((await getRoot()).status).toBe(200);
  });
});
