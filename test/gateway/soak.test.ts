/**
 * A bounded soak (at most 1500 requests and 12 s of load) with the manager flapping through every fault
 * the sandbox models: every answer is data or a coded error, none takes 5 s, and the gateway serves again
 * within seconds of the manager's return. Memory is watched by the longer benchmark, `npm run soak`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVERY_FAULT, runFlappingLoad, timeToServeAgain } from '../../bench/flapping-load.ts';
import { type Stack, startStack } from '../support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    env: {
      UPSTREAM_TIMEOUT_MS: '300',
      UPSTREAM_RETRIES: '1',
      UPSTREAM_RETRY_BACKOFF_MS: '10',
      CIRCUIT_FAILURE_THRESHOLD: '5',
      CIRCUIT_OPEN_SECONDS: '0.5',
    },
  });
});
afterAll(() => stack.close());

describe('with the manager flapping', () => {
  it('answers every request with data or a coded error, each within 5 s, and serves again within 5 s of its return', async () => {
    const keypair = stack.sandbox.credentials.superadmin;
    const result = await runFlappingLoad({
      gatewayUrl: stack.gateway.url,
      keypair,
      sandbox: stack.sandbox,
      requests: 1500,
      concurrency: 8,
      maxDurationMs: 12_000,
      faults: EVERY_FAULT,
      flapEveryMs: 250,
    });
    expect(result.unexpected).toEqual([]);
    expect(result.slowestMs).toBeLessThan(5000);
    // Both sides of the flapping were met: answers while the manager was up, coded errors while it was not.
    expect(result.served).toBeGreaterThan(0);
    expect(Object.keys(result.errorCodes).length).toBeGreaterThan(0);

    expect(await timeToServeAgain(stack.gateway.url, keypair, 10_000)).toBeLessThan(5000);
    expect((await fetch(`${stack.gateway.url}/healthcheck`)).status).toBe(200);
  }, 60_000);
});
