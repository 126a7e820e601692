/**
 * Load against a gateway while its manager flaps between faults: the driver behind the soak test
 * (test/gateway/soak.test.ts, which checks every answer) and the soak benchmark (bench/soak.ts, which
 * also watches memory). Bounded both in requests and in time.
 */
import { ErrorCode } from '../src/errors/index.ts';
import type { Fault, Sandbox } from '../src/sandbox/index.ts';
import { type Keypair, postGraphQL } from '../test/support/client.ts';

export interface FlappingLoadOptions {
  gatewayUrl: string;
  keypair: Keypair;
  sandbox: Sandbox;
  /** Requests to send in all. */
  requests: number;
  concurrency: number;
  /** No request is started after this long. */
  maxDurationMs: number;
  /** The manager's states, in turn (null: healthy). */
  faults: (Fault | null)[];
  flapEveryMs: number;
}

export interface FlappingLoadResult {
  sent: number;
  /** Answers with data and no errors. */
  served: number;
  /** Errors by code. */
  errorCodes: Record<string, number>;
  /** Answers that are neither data nor errors with a code the gateway documents (should be none). */
  unexpected: string[];
  slowestMs: number;
  durationMs: number;
}

/** A cycle of every fault the sandbox models, with healthy spells between them. */
export const EVERY_FAULT: (Fault | null)[] = [
  { kind: 'down' },
  null,
  { kind: 'status', status: 503 },
  null,
  { kind: 'slow', delayMs: 1000 },
  null,
  { kind: 'malformed-json' },
  null,
  { kind: 'status', status: 500 },
  null,
];

const QUERIES = [
  '{ imagesV2(first: 5) { count edges { node { id identity { canonicalName } } } } }',
  '{ image_nodes(scope_id: "system", first: 5) { count edges { node { name tag } } } }',
  '{ imagesV2(first: 2) { edges { node { id registryId } } } }',
];

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

function judge(response: Awaited<ReturnType<typeof postGraphQL>>, result: FlappingLoadResult): void {
  const { errors, data } = response.body;
  if (response.status === 200 && data && !errors?.length) {
    result.served += 1;
    return;
  }
  const codes = (errors ?? []).map((error) => error.extensions?.code);
  if (response.status !== 200 || codes.length === 0 || codes.some((code) => !KNOWN_CODES.has(String(code)))) {
    result.unexpected.push(`HTTP ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`);
    return;
  }
  for (const code of codes) result.errorCodes[String(code)] = (result.errorCodes[String(code)] ?? 0) + 1;
}

export async function runFlappingLoad(options: FlappingLoadOptions): Promise<FlappingLoadResult> {
  const result: FlappingLoadResult = {
    sent: 0,
    served: 0,
    errorCodes: {},
    unexpected: [],
    slowestMs: 0,
    durationMs: 0,
  };
  const startedAt = performance.now();
  let flapping = true;
  const flapper = (async () => {
    for (let turn = 0; flapping; turn += 1) {
      await options.sandbox.setFault(options.faults[turn % options.faults.length] ?? null);
      await new Promise((resolve) => setTimeout(resolve, options.flapEveryMs));
    }
  })();
  const worker = async () => {
    while (result.sent < options.requests && performance.now() - startedAt < options.maxDurationMs) {
      const query = QUERIES[result.sent % QUERIES.length] as string;
      result.sent += 1;
      const sentAt = performance.now();
      try {
        judge(await postGraphQL(options.gatewayUrl, query, { keypair: options.keypair }), result);
      } catch (error) {
        result.unexpected.push(`no answer: ${String(error)}`);
      }
      result.slowestMs = Math.max(result.slowestMs, performance.now() - sentAt);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  flapping = false;
  await flapper;
  await options.sandbox.setFault(null);
  result.durationMs = performance.now() - startedAt;
  return result;
}

/** Milliseconds until the gateway answers a page with data again, polling every 50 ms, up to `withinMs`. */
export async function timeToServeAgain(
  gatewayUrl: string,
  keypair: Keypair,
  withinMs = 30_000,
): Promise<number> {
  const startedAt = performance.now();
  while (performance.now() - startedAt < withinMs) {
    const response = await postGraphQL(gatewayUrl, QUERIES[0] as string, { keypair });
    if (response.status === 200 && response.body.data && !response.body.errors?.length) {
      return performance.now() - startedAt;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Number.POSITIVE_INFINITY;
}
