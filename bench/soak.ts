/**
 * Soak benchmark: rounds of load against a gateway whose manager flaps through every fault the sandbox
 * models (bench/flapping-load.ts), with the heap measured after each round (after a full GC), then how
 * long the gateway takes to serve again once the manager is back. A leak shows as a heap that grows round
 * after round; a flat heap stays within a few MB of the first round's.
 *
 *   npm run soak                       (4 rounds of 1000 requests)
 *   npm run soak -- --rounds 8 --requests 2000
 *
 * The gateway and the sandbox run in this process (the heap measured is theirs and the load's).
 */
import { parseArgs } from 'node:util';
import { startStack } from '../test/support/stack.ts';
import { EVERY_FAULT, runFlappingLoad, timeToServeAgain } from './flapping-load.ts';

const MB = 1024 * 1024;

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run soak does)');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rounds: { type: 'string', default: '4' }, requests: { type: 'string', default: '1000' } },
  });
  const rounds = Number(values.rounds);
  const requests = Number(values.requests);
  const stack = await startStack({
    env: {
      LOG_LEVEL: 'silent',
      UPSTREAM_TIMEOUT_MS: '300',
      UPSTREAM_RETRIES: '1',
      UPSTREAM_RETRY_BACKOFF_MS: '10',
      CIRCUIT_OPEN_SECONDS: '0.5',
    },
  });
  const keypair = stack.sandbox.credentials.superadmin;
  try {
    const heaps: number[] = [heapAfterGc()];
    console.log(`round  requests  served  errors  unexpected  slowest  heap after GC`);
    console.log(`    0         -       -       -           -        -  ${(heaps[0]! / MB).toFixed(1)} MB`);
    for (let round = 1; round <= rounds; round += 1) {
      const result = await runFlappingLoad({
        gatewayUrl: stack.gateway.url,
        keypair,
        sandbox: stack.sandbox,
        requests,
        concurrency: 10,
        maxDurationMs: 120_000,
        faults: EVERY_FAULT,
        flapEveryMs: 250,
      });
      heaps.push(heapAfterGc());
      const errors = Object.values(result.errorCodes).reduce((sum, count) => sum + count, 0);
      console.log(
        `${String(round).padStart(5)}  ${String(result.sent).padStart(8)}  ${String(result.served).padStart(6)}  ${String(errors).padStart(6)}  ${String(result.unexpected.length).padStart(10)}  ${result.slowestMs.toFixed(0).padStart(5)} ms  ${(heaps[round]! / MB).toFixed(1)} MB`,
      );
      for (const line of result.unexpected.slice(0, 3)) console.log(`       unexpected: ${line}`);
    }
    const recoveryMs = await timeToServeAgain(stack.gateway.url, keypair);
    const growth = (heaps[rounds]! - heaps[1]!) / MB;
    console.log(`\nheap from round 1 to round ${rounds}: ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB`);
    console.log(`serving again ${recoveryMs.toFixed(0)} ms after the manager's return`);
  } finally {
    await stack.close();
  }
}

await main();
